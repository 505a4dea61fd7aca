"""The LLM gateway: `complete(alias, messages)` with a daily budget, a prompt cache and
token/cost accounting. `LiteLLMGateway` drives a litellm Router built from the YAML config.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
from abc import ABC, abstractmethod
from collections import OrderedDict
from datetime import UTC, date, datetime
from typing import Any

from pydantic import BaseModel, Field

from intel.llm.config import Alias, GatewayConfig
from intel.llm.errors import BudgetExceeded, LLMUnavailable
from intel.llm.settings import LLMSettings

log = logging.getLogger("rapport.llm")
Message = dict[str, Any]


class ToolCall(BaseModel):
    name: str
    arguments: str = Field(description="JSON text as the model wrote it: data to validate")


class Completion(BaseModel):
    text: str = ""
    tool_calls: list[ToolCall] = Field(default_factory=list)
    model: str = ""
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost: float = 0.0
    cached: bool = False

    @property
    def tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens


class LLMGateway(ABC):
    """Budget, cache and accounting around a provider hook (`_complete`)."""

    def __init__(self, settings: LLMSettings) -> None:
        self.settings = settings
        self._lock = threading.Lock()
        self._spent: dict[date, float] = {}
        self._cache: OrderedDict[str, Completion] = OrderedDict()

    def complete(self, alias: Alias, messages: list[Message], *,
                 tools: list[dict[str, Any]] | None = None) -> Completion:
        key = hashlib.sha256(json.dumps([alias, messages, tools], sort_keys=True,
                                        default=str).encode()).hexdigest()
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key].model_copy(update={"cached": True, "cost": 0.0})
            self._check_budget()
        result = self._complete(alias, messages, tools)
        with self._lock:
            today = datetime.now(UTC).date()
            self._spent[today] = self._spent.get(today, 0.0) + result.cost
            if self.settings.cache_size:
                self._cache[key] = result
                while len(self._cache) > self.settings.cache_size:
                    self._cache.popitem(last=False)
        log.info("llm alias=%s model=%s prompt_tokens=%d completion_tokens=%d cost=%.6f",
                 alias, result.model, result.prompt_tokens, result.completion_tokens,
                 result.cost)
        return result

    def spent_today(self) -> float:
        with self._lock:
            return self._spent.get(datetime.now(UTC).date(), 0.0)

    def _check_budget(self) -> None:
        spent = self._spent.get(datetime.now(UTC).date(), 0.0)
        if spent >= self.settings.daily_budget_usd:
            raise BudgetExceeded(f"today's LLM spend {spent:.4f} USD reached the budget of "
                                 f"{self.settings.daily_budget_usd} USD",
                                 hint="RAPPORT_LLM_DAILY_BUDGET_USD")

    @abstractmethod
    def _complete(self, alias: Alias, messages: list[Message],
                  tools: list[dict[str, Any]] | None) -> Completion: ...


def _import_litellm() -> Any:
    # litellm fetches its cost map from the network at import unless told not to.
    os.environ["LITELLM_LOCAL_MODEL_COST_MAP"] = "True"
    import litellm

    litellm.telemetry = False
    return litellm


class LiteLLMGateway(LLMGateway):
    """A litellm Router over the configured deployments; each alias is a model group."""

    def __init__(self, config: GatewayConfig, settings: LLMSettings) -> None:
        super().__init__(settings)
        self.config = config
        self._router: Any = None

    def _get_router(self) -> Any:
        if self._router is None:
            litellm = _import_litellm()
            options: dict[str, Any] = {"num_retries": self.settings.num_retries,
                                       "timeout": self.settings.timeout_s,
                                       **self.config.router_settings}
            self._router = litellm.Router(
                model_list=[d.model_dump() for d in self.config.model_list], **options)
        return self._router

    def _complete(self, alias: Alias, messages: list[Message],
                  tools: list[dict[str, Any]] | None) -> Completion:
        if alias not in self.config.configured:
            raise LLMUnavailable(f"no model configured for alias {alias!r}",
                                 hint="add it to the model_list of RAPPORT_LLM_CONFIG")
        limits = self.config.aliases.get(alias)
        # With tools, litellm tries its MCP bridge first, which imports the optional `mcp`
        # package; Rapport's tools are plain functions, so the bridge is skipped.
        extra: dict[str, Any] = {"tools": tools, "_skip_mcp_handler": True} if tools else {}
        try:
            response = self._get_router().completion(
                model=alias, messages=messages,
                max_tokens=(limits and limits.max_tokens) or self.settings.max_tokens,
                timeout=(limits and limits.timeout) or self.settings.timeout_s, **extra)
        except Exception as e:  # litellm raises many provider-specific types
            raise LLMUnavailable(f"{alias}: {type(e).__name__}: {str(e)[:200]}") from e
        return self._read(response)

    def _read(self, response: Any) -> Completion:
        message = response.choices[0].message
        calls = [ToolCall(name=c.function.name, arguments=c.function.arguments or "{}")
                 for c in (getattr(message, "tool_calls", None) or [])]
        usage = getattr(response, "usage", None)
        return Completion(text=message.content or "", tool_calls=calls,
                          model=str(getattr(response, "model", "")),
                          prompt_tokens=int(getattr(usage, "prompt_tokens", 0) or 0),
                          completion_tokens=int(getattr(usage, "completion_tokens", 0) or 0),
                          cost=self._cost(response))

    def _cost(self, response: Any) -> float:
        litellm = _import_litellm()
        try:
            return float(litellm.completion_cost(completion_response=response) or 0.0)
        except Exception:  # a model with no price in the local map costs what we know: 0
            log.debug("no price known for model %s", getattr(response, "model", "?"))
            return 0.0


def build_gateway(settings: LLMSettings) -> LLMGateway | None:
    """The configured gateway, or None (offline) when RAPPORT_LLM_CONFIG is unset."""
    if settings.config is None:
        return None
    from intel.llm.config import load_config

    return LiteLLMGateway(load_config(settings.config), settings)

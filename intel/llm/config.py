"""The gateway's YAML: litellm's `model_list` (each `model_name` a task alias) plus optional
`router_settings` (fallbacks, retries) and per-alias limits under `aliases`.

    model_list:
      - model_name: cypher
        litellm_params: {model: openai/gpt-4o-mini, api_key: os.environ/OPENAI_API_KEY}
    router_settings: {fallbacks: [{cypher: [answer]}], num_retries: 2}
    aliases: {cypher: {max_tokens: 400, timeout: 15}}
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, Field, ValidationError, field_validator

from graph.errors import ConfigError

Alias = Literal["cypher", "answer", "draft", "fast"]
ALIASES: tuple[Alias, ...] = ("cypher", "answer", "draft", "fast")


class Deployment(BaseModel):
    model_name: str = Field(min_length=1)
    litellm_params: dict[str, Any]

    @field_validator("litellm_params")
    @classmethod
    def _has_model(cls, value: dict[str, Any]) -> dict[str, Any]:
        if not isinstance(value.get("model"), str) or not value["model"]:
            raise ValueError("litellm_params.model is required")
        return value


class AliasLimits(BaseModel):
    max_tokens: int | None = Field(default=None, ge=16, le=32_000)
    timeout: float | None = Field(default=None, gt=0, le=600)


class GatewayConfig(BaseModel):
    model_list: list[Deployment] = Field(min_length=1)
    router_settings: dict[str, Any] = Field(default_factory=dict)
    aliases: dict[Alias, AliasLimits] = Field(default_factory=dict)

    @property
    def configured(self) -> frozenset[str]:
        return frozenset(d.model_name for d in self.model_list)


def load_config(path: Path) -> GatewayConfig:
    """Read and check the YAML; a problem names RAPPORT_LLM_CONFIG and the field."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        return GatewayConfig.model_validate(raw)
    except OSError as e:
        raise ConfigError(f"RAPPORT_LLM_CONFIG: cannot read {path}: {e}") from e
    except yaml.YAMLError as e:
        raise ConfigError(f"RAPPORT_LLM_CONFIG: {path} is not YAML: {e}") from e
    except ValidationError as e:
        first = e.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ConfigError(f"RAPPORT_LLM_CONFIG: {where}: {first['msg']}") from e

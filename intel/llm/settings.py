"""Knobs of the LLM gateway, from the environment (RAPPORT_LLM_*)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from graph.settings import load_validated


class LLMSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="RAPPORT_LLM_", extra="ignore")

    config: Path | None = Field(
        default=None, description="YAML in litellm's model_list format; unset = offline")
    daily_budget_usd: float = Field(default=5.0, ge=0,
                                    description="spend per UTC day before ask degrades to "
                                    "the offline planner")
    cache_size: int = Field(default=512, ge=0, description="identical prompts kept")
    max_tokens: int = Field(default=600, ge=16, le=32_000,
                            description="completion tokens when an alias sets none")
    timeout_s: float = Field(default=20.0, gt=0, le=600,
                             description="seconds per call when an alias sets none")
    num_retries: int = Field(default=1, ge=0, le=5)


def load_llm_settings(**overrides: object) -> LLMSettings:
    return load_validated(LLMSettings, **overrides)


@lru_cache(maxsize=1)
def get_llm_settings() -> LLMSettings:
    return load_llm_settings()

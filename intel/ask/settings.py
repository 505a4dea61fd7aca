"""Knobs of `ask` (the planner and the router), from the environment (RAPPORT_ASK_*)."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from graph.settings import load_validated


class AskSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="RAPPORT_ASK_", extra="ignore")

    default_limit: int = Field(default=50, ge=1, le=1000, description="rows per answer")
    max_rows: int = Field(default=1000, ge=1, le=100_000,
                          description="LIMIT added to generated Cypher")
    stuck_days: int = Field(default=60, ge=1, le=3650,
                            description="an open deal in one stage this long is stuck")
    names_ttl_s: float = Field(default=300.0, ge=0,
                               description="seconds the entity-linking index is kept")
    min_confidence: float = Field(default=0.35, ge=0, le=1,
                                  description="below this similarity the planner says so")
    route_confidence: float = Field(
        default=0.6, ge=0, le=2, description="below this planner similarity an LLM (when "
        "configured) picks the route by tool calling")
    today: date | None = Field(default=None,
                               description="fixed 'today' for date phrases (tests, demos)")


def load_ask_settings(**overrides: object) -> AskSettings:
    return load_validated(AskSettings, **overrides)


@lru_cache(maxsize=1)
def get_ask_settings() -> AskSettings:
    return load_ask_settings()

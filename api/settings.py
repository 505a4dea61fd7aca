"""API limits and logging (RAPPORT_API_* environment variables)."""

from __future__ import annotations

from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from graph.settings import load_validated


class ApiSettings(BaseSettings):
    """Per-key rate limits, body size, log format (query time budget:
    RAPPORT_QUERY_TIMEOUT_S, 504 past it)."""

    model_config = SettingsConfigDict(env_prefix="RAPPORT_API_", extra="ignore")

    rate_per_minute: float = Field(default=600, gt=0, description="viewer/seller/admin keys")
    agent_rate_per_minute: float = Field(default=120, gt=0, description="agent keys")
    burst: int = Field(default=20, ge=1, le=10_000, description="token bucket size")
    max_body_kb: int = Field(default=256, ge=1, le=1_000_000,
                             description="largest request body (uploads: the import limit)")
    workers: int = Field(default=1, ge=1, le=64,
                         description="`rapport serve` worker processes (more use more cores)")
    threads: int = Field(
        default=4, ge=1, le=256,
        description="requests a worker process runs at once (the rest wait their turn): few "
        "threads share the GIL fairly, and p95 latency under load fell by a quarter from "
        "anyio's 40; a long request (a background import approve) holds one")
    json_logs: bool = Field(default=True, description="one JSON object per log line")
    warm_encoder: bool = Field(
        default=True, description="load the embedding model at startup (in the background), "
        "so the first search or ask does not wait for it; /ready says when it is loaded")


def load_api_settings(**overrides: object) -> ApiSettings:
    return load_validated(ApiSettings, **overrides)


@lru_cache(maxsize=1)
def get_api_settings() -> ApiSettings:
    return load_api_settings()

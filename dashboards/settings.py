"""Where the dashboards find the API, from RAPPORT_DASHBOARD_* env (secrets only from env)."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class DashboardSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="RAPPORT_DASHBOARD_", extra="ignore")

    api_url: str = Field(default="http://127.0.0.1:8000", description="base URL of the API")
    api_key: str = Field(default="", description="bearer key (`rapport keys create`)")
    cache_ttl_s: int = Field(default=30, ge=0, description="how long a page reuses an answer")
    timeout_s: float = Field(default=30.0, gt=0)
    port: int = Field(default=8501, ge=1, le=65535)


def load_dashboard_settings(**overrides: object) -> DashboardSettings:
    """Read fresh on every page run, so a changed env (or a test) takes effect at once."""
    return DashboardSettings(**overrides)  # type: ignore[arg-type]

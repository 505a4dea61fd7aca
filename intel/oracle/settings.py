"""OracleSettings: forecast categories and alert thresholds (env prefix RAPPORT_ORACLE_)."""

from __future__ import annotations

from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from graph.model import DealStage
from graph.settings import load_validated


def _bands() -> list[float]:
    return [500_000.0, 2_000_000.0, 10_000_000.0]


class OracleSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="RAPPORT_ORACLE_", extra="ignore", frozen=True)

    commit_from: DealStage = Field(default=DealStage.COMMITTED,
                                   description="open deals from this stage on are 'commit'")
    best_case_from: DealStage = Field(default=DealStage.PROPOSAL,
                                      description="open deals from this stage on: best case")
    forecast_months: int = Field(default=12, ge=1, le=60)
    currency: str = Field(default="EUR", pattern=r"^[A-Z]{3}$",
                          description="the forecast sums deals in this currency only")
    compare_days: int = Field(default=30, ge=1, description="'a month ago' for the deltas")
    decision_maker_silence_days: int = Field(default=30, ge=1)
    reserved_days: int = Field(default=60, ge=1,
                               description="a property reserved longer than this is flagged")
    key_tiers: list[str] = Field(default_factory=lambda: ["PLATINUM", "GOLD"])
    size_bands: list[float] = Field(default_factory=_bands,
                                    description="upper bounds of the win/loss size bands")
    sparkline_points: int = Field(default=6, ge=2, le=24,
                                  description="health points per account summary")
    sparkline_step_days: int = Field(default=30, ge=1, le=365,
                                     description="days between two of those points")


def load_oracle_settings(**overrides: object) -> OracleSettings:
    return load_validated(OracleSettings, **overrides)


@lru_cache(maxsize=1)
def get_oracle_settings() -> OracleSettings:
    return load_oracle_settings()

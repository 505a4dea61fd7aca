"""ScoreSettings: parameters of the deal, health, churn and ICP scores (docs/oracle.md).

Environment prefix RAPPORT_SCORES_ (e.g. RAPPORT_SCORES_TREND_DAYS=14). The scorer receives
the object (constructor injection) and never reads the environment itself.
"""

from __future__ import annotations

from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from graph.settings import load_validated


class ScoreSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="RAPPORT_SCORES_", extra="ignore", frozen=True)

    min_training_deals: int = Field(
        default=40, ge=4, description="closed deals needed to fit the win model (a quarter "
        "of them of each outcome); fewer: the documented prior model")
    regularization: float = Field(default=1.0, gt=0, description="inverse L2 strength (C)")
    trend_days: int = Field(default=30, ge=1, description="trends compare with this long ago")
    trend_min_change: float = Field(default=3.0, ge=0, description="points for up/down")
    engagement_window_days: float = Field(default=90.0, gt=0)
    engagement_full: float = Field(default=15.0, gt=0,
                                   description="touches per window for 63% of the points")
    strong_tie: float = Field(default=70.0, ge=0, le=100)
    known_tie: float = Field(default=40.0, ge=0, le=100,
                             description="a tie at least this strong covers a person")
    silence_days: float = Field(default=45.0, gt=0,
                                description="no touch for this long: a silent key person")
    recent_days: float = Field(default=365.0, gt=0, description="wins/losses counted")
    at_risk_threshold: float = Field(default=50.0, ge=0, le=100,
                                     description="churn risk from which an account is flagged")


def load_score_settings(**overrides: object) -> ScoreSettings:
    return load_validated(ScoreSettings, **overrides)


@lru_cache(maxsize=1)
def get_score_settings() -> ScoreSettings:
    return load_score_settings()

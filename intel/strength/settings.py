"""StrengthSettings: every parameter of the relationship-strength model in one place.

Read from the environment with the prefix RAPPORT_STRENGTH_ (e.g.
RAPPORT_STRENGTH_HALF_LIFE_DAYS=60); `get_strength_settings()` caches one instance per
process. The scorer receives the settings object (constructor injection), never reads the
environment itself. docs/scoring.md explains each default.
"""

from __future__ import annotations

from functools import lru_cache

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from graph.settings import load_validated


def _channels() -> dict[str, float]:
    return {"MEETING": 1.0, "CALL": 0.8, "EMAIL_THREAD": 0.55, "EMAIL": 0.4, "MESSAGE": 0.3,
            "NOTE": 0.15}


def _origins() -> dict[str, float]:
    return {"SOCIAL": 38.0, "INTRODUCED": 30.0, "MANUAL": 20.0, "LINKEDIN": 14.0,
            "COLLEAGUE": 40.0, "FORMER_COLLEAGUE": 27.0, "INTERACTION": 0.0}


class StrengthSettings(BaseSettings):
    """Parameters of the strength model (defaults measured on the synthetic demo)."""

    model_config = SettingsConfigDict(env_prefix="RAPPORT_STRENGTH_", extra="ignore",
                                      frozen=True)

    # -- evidence weighting -------------------------------------------------------------
    half_life_days: float = Field(default=90.0, gt=0, description="recency decay half-life")
    channel_weights: dict[str, float] = Field(default_factory=_channels)
    group_exponent: float = Field(default=1.0, ge=0,
                                  description="weight (2 / participants) ** exponent")
    shared_weight: float = Field(default=0.5, ge=0, le=1,
                                 description="weight of being co-recipients (both TO/CC)")
    two_way_max_group: int = Field(
        default=2, ge=2,
        description="meetings/calls count as a two-way exchange up to this many people; "
                    "in bigger groups being there together is presence, not reciprocity")
    frequency_window_days: float = Field(default=365.0, gt=0)
    # -- interaction drivers: maximum points and saturation scales ------------------------
    recency_points: float = Field(default=36.0, ge=0)
    recency_scale: float = Field(default=2.0, gt=0, description="decayed mass for 63%")
    frequency_points: float = Field(default=22.0, ge=0)
    frequency_scale: float = Field(default=8.0, gt=0, description="yearly mass for 63%")
    channel_points: float = Field(default=10.0, ge=0)
    duration_points: float = Field(default=10.0, ge=0)
    duration_full_days: float = Field(default=540.0, gt=0)
    reciprocity_points: float = Field(default=12.0, ge=0)
    one_way_factor: float = Field(default=0.3, ge=0, le=1,
                                  description="interaction points kept by one-way-only ties")
    # -- structural drivers ----------------------------------------------------------------
    same_employer_points: float = Field(default=30.0, ge=0,
                                        description="same current employer, no org chart")
    org_chart_points: float = Field(default=62.0, ge=0,
                                    description="same employer, one hop (direct report)")
    org_hop_points: float = Field(default=11.0, ge=0, description="less per further hop")
    former_employer_points: float = Field(default=20.0, ge=0,
                                          description="worked at the same place at once")
    former_year_points: float = Field(default=7.0, ge=0, description="per year together")
    former_overlap_full_years: float = Field(default=6.0, gt=0)
    former_fade_points: float = Field(default=3.0, ge=0, description="less per year since")
    former_fade_full_years: float = Field(default=8.0, gt=0)
    origin_points: dict[str, float] = Field(default_factory=_origins)
    origin_evidence_scale: float = Field(default=2.0, gt=0,
                                         description="interaction mass that fades "
                                         "origin points to 37%")
    # -- combination --------------------------------------------------------------------
    knee: float = Field(default=70.0, gt=0, lt=100,
                        description="above this the raw sum is compressed towards 100")
    explicit_prior: float = Field(default=4.0, ge=0,
                                  description="evidence mass at which explicit and "
                                  "evidence-based strength weigh the same")
    strong_from: float = Field(default=70.0, ge=0, le=100)
    occasional_from: float = Field(default=40.0, ge=0, le=100)
    trend_window_days: int = Field(default=90, ge=1)
    trend_min_change: float = Field(default=0.25, ge=0,
                                    description="relative change needed for up/down")
    # -- ties and batching ----------------------------------------------------------------
    create_ties: bool = Field(default=True,
                              description="interactions create missing member-contact ties")
    create_max_participants: int = Field(default=10, ge=2)
    read_page_size: int = Field(default=100_000, ge=100)
    write_batch_size: int = Field(default=5_000, ge=10)
    read_timeout_s: float = Field(default=900.0, gt=0)

    @model_validator(mode="after")
    def _bands_ordered(self) -> StrengthSettings:
        if self.occasional_from > self.strong_from:
            raise ValueError("occasional_from must not exceed strong_from")
        missing = {"MEETING", "CALL", "EMAIL_THREAD", "EMAIL", "MESSAGE", "NOTE"}
        missing -= set(self.channel_weights)
        if missing:
            raise ValueError(f"channel_weights lacks {sorted(missing)}")
        return self


def load_strength_settings(**overrides: object) -> StrengthSettings:
    """Build settings, turning a validation error into one line naming the variable."""
    return load_validated(StrengthSettings, **overrides)


@lru_cache(maxsize=1)
def get_strength_settings() -> StrengthSettings:
    return load_strength_settings()

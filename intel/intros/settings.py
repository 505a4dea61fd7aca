"""Every knob of the warm-intro search, from the environment (RAPPORT_INTRO_*)."""

from __future__ import annotations

from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class IntroSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="RAPPORT_INTRO_", extra="ignore")

    default_k: int = Field(default=3, ge=1, le=20)
    max_k: int = Field(default=20, ge=1, le=100)
    default_max_hops: int = Field(default=3, ge=1, le=5)
    hop_limit: int = Field(default=5, ge=1, le=6, description="highest --max-hops allowed")
    hop_penalty: float = Field(
        default=1.0, gt=0, le=1,
        description="factor per hop beyond the first; 1.0 ranks by the pure product")
    former_colleague_factor: float = Field(
        default=0.8, gt=0, le=1,
        description="last introducer only worked at the target's company (not any more)")
    other_people_factor: float = Field(
        default=0.85, gt=0, le=1,
        description="account targets who are not decision makers or key stakeholders")
    unscored_strength: float = Field(
        default=10.0, ge=0, le=100,
        description="strength of a knows-edge not scored yet and with no explicit strength")
    max_rows: int = Field(default=400_000, ge=1_000,
                          description="relationships one search may pull from the engine")
    nearest_probe_hops: int = Field(default=6, ge=1, le=8,
                                    description="how far a no-path answer looks")
    nearest_probe_rows: int = Field(default=20_000, ge=0,
                                    description="rows that look may read beyond the search")


@lru_cache(maxsize=1)
def get_intro_settings() -> IntroSettings:
    return IntroSettings()

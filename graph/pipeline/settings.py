"""PipelineSettings: the canonical stage probabilities and the stage-gating rules.

Read from the environment with the prefix RAPPORT_PIPELINE_ (e.g.
RAPPORT_PIPELINE_PROBABILITIES='{"06-PROPOSAL": 0.5}' or
RAPPORT_PIPELINE_ALLOWED_JUMPS='["01-IDENTIFIED>03-QUALIFIED"]'). Everything that reads a
stage's probability (the forecast, the baseline of the win model) reads it here.
"""

from __future__ import annotations

from functools import lru_cache

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from graph.model import DealStage
from graph.settings import load_validated


def _probabilities() -> dict[DealStage, float]:
    return {stage: stage.default_probability for stage in DealStage}


class PipelineSettings(BaseSettings):
    """The 10-stage pipeline's probabilities and rules (docs/oracle.md: pipeline rules)."""

    model_config = SettingsConfigDict(env_prefix="RAPPORT_PIPELINE_", extra="ignore",
                                      frozen=True)

    probabilities: dict[DealStage, float] = Field(
        default_factory=_probabilities,
        description="win probability of a deal sitting in each stage (stages left out keep "
                    "their default: 10% steps from 01-IDENTIFIED to 90% at 08-COMMITTED)")
    allowed_jumps: list[str] = Field(
        default_factory=list,
        description="forward moves allowed to skip stages, as 'FROM>TO' (e.g. "
                    "'01-IDENTIFIED>03-QUALIFIED'); every other forward move is one stage")
    amount_from: DealStage = Field(default=DealStage.QUALIFYING,
                                   description="an amount is required from this stage on")
    close_date_from: DealStage = Field(
        default=DealStage.QUALIFYING,
        description="an expected close date is required from this stage on")
    decision_maker_from: DealStage = Field(
        default=DealStage.PROPOSAL,
        description="a DECISION_MAKER among the stakeholders is required from this stage on")
    allow_reopen: bool = Field(default=False,
                               description="whether a closed deal may move back to a stage")

    @field_validator("probabilities")
    @classmethod
    def _complete(cls, value: dict[DealStage, float]) -> dict[DealStage, float]:
        merged = {**_probabilities(), **value}
        bad = [s.value for s, p in merged.items() if not 0 <= p <= 1]
        if bad:
            raise ValueError(f"probabilities must be between 0 and 1 (stage {bad[0]})")
        return merged

    @field_validator("allowed_jumps")
    @classmethod
    def _jumps_known(cls, value: list[str]) -> list[str]:
        known = {s.value for s in DealStage}
        for jump in value:
            src, sep, dst = jump.partition(">")
            if not sep or src not in known or dst not in known:
                raise ValueError(f"{jump!r} is not 'STAGE>STAGE'")
        return value

    def probability(self, stage: DealStage) -> float:
        return self.probabilities[stage]

    def jump_allowed(self, src: DealStage, dst: DealStage) -> bool:
        return f"{src.value}>{dst.value}" in self.allowed_jumps


def load_pipeline_settings(**overrides: object) -> PipelineSettings:
    """Build settings, turning a validation error into one line naming the variable."""
    return load_validated(PipelineSettings, **overrides)


@lru_cache(maxsize=1)
def get_pipeline_settings() -> PipelineSettings:
    return load_pipeline_settings()

"""Pipeline rules: stage probabilities, stage gating, stage history and owner changes.

Public API (docs/oracle.md explains the rules):
- `StageService(store, evidence, settings)`: `move()`, `change_owner()`, `history()`
- `check_move(facts, target, settings) -> list[Refusal]` (the gating rules, pure)
- `PipelineSettings` / `get_pipeline_settings()` (env prefix RAPPORT_PIPELINE_)
"""

from graph.pipeline.gates import DealFacts, check_move
from graph.pipeline.models import (
    OwnerChange,
    Refusal,
    StageHistory,
    StageMove,
    StageMoveResult,
    StageStep,
)
from graph.pipeline.service import StageService, build_history, days_between
from graph.pipeline.settings import (
    PipelineSettings,
    get_pipeline_settings,
    load_pipeline_settings,
)

__all__ = ["DealFacts", "OwnerChange", "PipelineSettings", "Refusal", "StageHistory",
           "StageMove", "StageMoveResult", "StageService", "StageStep", "build_history",
           "check_move", "days_between", "get_pipeline_settings", "load_pipeline_settings"]

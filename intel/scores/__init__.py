"""Scores: deal win probability, account health and churn risk, lead/ICP fit.

Each is a number with drivers that add up to it and a trend (docs/oracle.md).
Public API:
- `Scorer(store, settings, pipeline)`: `deal(id)`, `account(id)`, `board()`
- `ScoringContext` (one graph snapshot + the win model fitted on it)
- `ScoreSettings` / `get_score_settings()` (env prefix RAPPORT_SCORES_)
"""

from intel.scores.context import ScoringContext
from intel.scores.models import (
    AccountHealth,
    DealScore,
    IcpFit,
    NextAction,
    RiskFlag,
    ScoreBoard,
    ScoreTrend,
)
from intel.scores.service import Scorer
from intel.scores.settings import ScoreSettings, get_score_settings, load_score_settings

__all__ = ["AccountHealth", "DealScore", "IcpFit", "NextAction", "RiskFlag", "ScoreBoard",
           "ScoreSettings", "ScoreTrend", "Scorer", "ScoringContext", "get_score_settings",
           "load_score_settings"]

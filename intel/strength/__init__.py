"""Relationship strength: a 0-100 score on every KNOWS edge that explains itself.

Public API (see docs/scoring.md for the model):
- `rescore(store, settings, as_of, progress=None) -> RescoreReport`
- `rescore_interactions(store, interaction_ids, settings, as_of) -> RescoreReport`
- `explain_relationship(store, a_id, b_id, settings, as_of) -> StrengthExplanation`
- `strongest_relationships(store, person_id, limit=10) -> list[RelationshipSummary]`
- `StrengthSettings` / `get_strength_settings()` (env prefix RAPPORT_STRENGTH_)
"""

from intel.strength.explain import (
    Driver,
    RelationshipSummary,
    RescoreReport,
    StrengthExplanation,
    Trend,
)
from intel.strength.model import StrengthModel
from intel.strength.service import (
    StrengthScorer,
    explain_relationship,
    rescore,
    rescore_interactions,
    strongest_relationships,
)
from intel.strength.settings import StrengthSettings, get_strength_settings, load_strength_settings

__all__ = [
    "Driver",
    "RelationshipSummary",
    "RescoreReport",
    "StrengthExplanation",
    "StrengthModel",
    "StrengthScorer",
    "StrengthSettings",
    "Trend",
    "explain_relationship",
    "get_strength_settings",
    "load_strength_settings",
    "rescore",
    "rescore_interactions",
    "strongest_relationships",
]

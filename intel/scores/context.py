"""ScoringContext: one snapshot of the graph and the win model fitted on it, as of a time.

Built per request (a few bulk reads and a fit of well under a second on the demo), so every
score reflects the graph as it is now: a change of evidence changes the next score.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from graph.pipeline import PipelineSettings
from graph.store import GraphStore
from intel.scores.features import DealState, StageNorms, deal_features, deal_state
from intel.scores.settings import ScoreSettings
from intel.scores.snapshot import DealRec, Snapshot, day_number, read_snapshot
from intel.scores.winmodel import LinearModel, train, win_rate


@dataclass
class ScoringContext:
    snap: Snapshot
    as_of: datetime
    day: float
    model: LinearModel
    norms: StageNorms
    prior: float
    pipeline: PipelineSettings
    settings: ScoreSettings

    @classmethod
    def build(cls, store: GraphStore, as_of: datetime | None, settings: ScoreSettings,
              pipeline: PipelineSettings) -> ScoringContext:
        return cls.from_snapshot(read_snapshot(store), as_of, settings, pipeline)

    @classmethod
    def from_snapshot(cls, snap: Snapshot, as_of: datetime | None, settings: ScoreSettings,
                      pipeline: PipelineSettings) -> ScoringContext:
        now = as_of or datetime.now(UTC)
        day = day_number(now) or 0.0
        model, norms = train(snap, day, pipeline, min_deals=settings.min_training_deals,
                             c=settings.regularization)
        return cls(snap=snap, as_of=now, day=day, model=model, norms=norms,
                   prior=win_rate(snap.deals.values(), day), pipeline=pipeline,
                   settings=settings)

    def features(self, deal: DealRec, day: float | None = None
                 ) -> tuple[DealState, dict[str, float]] | None:
        """The deal's state and features at `day` (default as_of); None unless open then."""
        when = self.day if day is None else day
        state = deal_state(deal, when)
        if state is None:
            return None
        return state, deal_features(self.snap, deal, state, when, self.norms, self.pipeline,
                                    self.prior)

    def probability(self, deal: DealRec, day: float | None = None) -> float | None:
        found = self.features(deal, day)
        return None if found is None else self.model.probability(found[1])

    def stuck(self, state: DealState) -> bool:
        p75 = self.norms.p75.get(state.stage)
        return p75 is not None and state.days_in_stage > p75

"""Deal features as of any time: what the win model learns from and explains with.

Every feature is computed from the graph as it stood at `day` (stage from the stage
history, touches before `day`, deals closed before `day`), so a closed deal can be replayed
as it looked while it was open, and a score a month ago is the same computation.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from statistics import median

from graph.model import DealStage
from graph.pipeline import PipelineSettings
from intel.scores.snapshot import DealRec, Snapshot

# Feature name -> the driver it is reported under (explanations add features up by group).
GROUPS: dict[str, str] = {
    "stage": "stage", "time_in_stage": "time in stage", "pace": "time in stage",
    "has_decision_maker": "stakeholders", "has_champion": "stakeholders",
    "champion_tie": "stakeholders", "decision_maker_tie": "stakeholders",
    "coverage": "stakeholders", "single_threaded": "stakeholders",
    "engagement_trend": "engagement", "engagement_level": "engagement",
    "deal_age": "deal age", "size_vs_history": "size vs account history",
    "owner_track": "owner track record",
}
FEATURES: tuple[str, ...] = tuple(GROUPS)
# The model's engagement window and the tie strength from which the owner 'knows' someone
# are fixed: a fitted model's weights belong to the features it was fitted on.
WINDOW_DAYS, _KNOWN = 90.0, 25.0


def logit(p: float) -> float:
    p = min(max(p, 0.01), 0.99)
    return math.log(p / (1 - p))


@dataclass(frozen=True)
class StageNorms:
    """Typical (median) and 75th-percentile days per stage, from completed stage spans."""

    median: dict[DealStage, float]
    p75: dict[DealStage, float]

    @classmethod
    def from_deals(cls, deals: Iterable[DealRec], before: float) -> StageNorms:
        spans: dict[DealStage, list[float]] = {}
        for deal in deals:
            for at, src, _, days in deal.changes:
                if src is not None and days is not None and at < before:
                    spans.setdefault(src, []).append(days)
        med = {s: median(v) for s, v in spans.items() if v}
        p75 = {s: sorted(v)[int(0.75 * (len(v) - 1))] for s, v in spans.items() if v}
        return cls(med, p75)

    def typical(self, stage: DealStage) -> float:
        return self.median.get(stage, 14.0)


@dataclass(frozen=True)
class DealState:
    """Where a deal stood at a time: what the features and the explanations quote."""

    stage: DealStage
    days_in_stage: float
    age_days: float
    champion: str | None
    decision_maker: str | None


def _owner_track(snap: Snapshot, owner: str | None, day: float, prior: float) -> float:
    wins, closed = snap.owner_record(owner, day)
    # Two pseudo-deals at the overall win rate keep a new owner's record near the average.
    return logit((wins + 2 * prior) / (closed + 2))


def _size(snap: Snapshot, deal: DealRec, day: float) -> float:
    if deal.account is None or not deal.amount:
        return 0.0
    others = [a for d in snap.accounts[deal.account].deals
              if d != deal.id and snap.deals[d].created < day
              and (a := snap.deals[d].amount)]
    return math.log(deal.amount / median(others)) if others else 0.0


def _engagement(snap: Snapshot, deal: DealRec, day: float) -> tuple[float, float]:
    times = snap.account_touches(deal.account) if deal.account else []
    recent = snap.count_between(times, day - WINDOW_DAYS, day)
    before = snap.count_between(times, day - 2 * WINDOW_DAYS, day - WINDOW_DAYS)
    return math.log((recent + 1) / (before + 1)), math.log1p(recent)


def _stakeholders(snap: Snapshot, deal: DealRec, day: float) -> dict[str, float]:
    """Ties are the owner's stored KNOWS strengths (as of the last rescore, 0-100)."""
    owner = deal.owner or ""

    def tie(contact: str | None) -> float:
        if contact is None:
            return 0.0
        return next((s for m, s, _ in snap.ties.get(contact, ()) if m == owner), 0.0)

    roles = {role: contact for contact, role, _ in deal.stakeholders}
    strengths = [tie(c) for c, _, _ in deal.stakeholders]
    known = sum(1 for s in strengths if s >= _KNOWN)
    champ, dm = roles.get("CHAMPION"), roles.get("DECISION_MAKER")
    return {"has_decision_maker": float(dm is not None), "has_champion": float(champ is not None),
            "champion_tie": tie(champ) / 100, "decision_maker_tie": tie(dm) / 100,
            "coverage": known / len(strengths) if strengths else 0.0,
            "single_threaded": float(known <= 1)}


def deal_state(deal: DealRec, day: float) -> DealState | None:
    """The deal's open stage at `day`; None when it did not exist or was already closed."""
    at = deal.stage_at(day)
    if at is None or at[0].is_closed:
        return None
    roles = {role: contact for contact, role, _ in deal.stakeholders}
    return DealState(stage=at[0], days_in_stage=max(0.0, day - at[1]),
                     age_days=max(0.0, day - deal.created), champion=roles.get("CHAMPION"),
                     decision_maker=roles.get("DECISION_MAKER"))


def deal_features(snap: Snapshot, deal: DealRec, state: DealState, day: float,
                  norms: StageNorms, pipeline: PipelineSettings,
                  prior_win_rate: float) -> dict[str, float]:
    """The feature vector of an open deal at `day` (names in FEATURES)."""
    typical = norms.typical(state.stage)
    past = [math.log((d + 1) / (norms.typical(s) + 1)) for at, s, _, d in deal.changes
            if s is not None and d is not None and at <= day]
    trend, level = _engagement(snap, deal, day)
    out = {"stage": logit(pipeline.probability(state.stage)),
           "time_in_stage": math.log((state.days_in_stage + 1) / (typical + 1)),
           "pace": sum(past) / len(past) if past else 0.0,
           "engagement_trend": trend, "engagement_level": level,
           "deal_age": math.log1p(state.age_days),
           "size_vs_history": _size(snap, deal, day),
           "owner_track": _owner_track(snap, deal.owner, day, prior_win_rate)}
    out.update(_stakeholders(snap, deal, day))
    return out

"""StageService: gated stage changes, owner changes and stage history of deals.

Every stage and owner change is written to the graph (the deal, a StageChange node for
stage moves) and to the evidence store's audit trail (PostgreSQL), in that order: a change
the graph refused is never audited.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

from graph.errors import ConstraintViolation, InvalidInput, NotFound, StageGateRefused
from graph.evidence import EvidenceStore
from graph.model import DealStage, LossReason
from graph.pipeline.gates import DealFacts, check_move
from graph.pipeline.models import (
    OwnerChange,
    StageHistory,
    StageMove,
    StageMoveResult,
    StageStep,
)
from graph.pipeline.settings import PipelineSettings
from graph.rows import iso
from graph.store import GraphStore

_DAY_S = 86400.0


def days_between(start: datetime | None, end: datetime) -> float:
    """Days from start to end (0 when start is unknown or later), to 2 decimals."""
    if start is None:
        return 0.0
    return round(max(0.0, (end - _aware(start)).total_seconds() / _DAY_S), 2)


def _aware(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class StageService:
    """Gated moves through the pipeline; the store, evidence and settings are injected."""

    def __init__(self, store: GraphStore, evidence: EvidenceStore | None,
                 settings: PipelineSettings) -> None:
        self.store = store
        self.evidence = evidence
        self.settings = settings

    # -- public API ---------------------------------------------------------------------
    def move(self, deal_id: str, move: StageMove, *, actor: str = "api") -> StageMoveResult:
        """Move the deal, or raise StageGateRefused listing every rule the move breaks."""
        deal, roles = self._facts(deal_id)
        at = _aware(move.at) if move.at else datetime.now(UTC)
        entered = deal.get("stage_entered_at")
        if entered is not None and at < _aware(entered):
            raise InvalidInput(f"at: {iso(at)} is before the deal entered its stage "
                               f"({iso(entered)})")
        facts = self._merged(deal, roles, move)
        refusals = check_move(facts, move.stage, self.settings)
        if refusals:
            raise StageGateRefused(
                f"{deal_id} cannot move to {move.stage.value}: "
                + "; ".join(r.message for r in refusals),
                [r.model_dump() for r in refusals])
        return self._apply(deal_id, deal, move, at, actor)

    def change_owner(self, deal_id: str, member_id: str, *, by: str | None = None,
                     actor: str = "api") -> OwnerChange:
        """Give the deal to another member (its previous owners lose it); audited."""
        deal, _ = self._facts(deal_id)
        if not self.store.read("pipeline/member_exists", {"id": member_id}):
            raise NotFound(f"no member with id {member_id!r}")
        return self._reassign(deal_id, deal["owners"], member_id, by, actor)

    def history(self, deal_id: str, *, now: datetime | None = None) -> StageHistory:
        """The stage history with the days spent in each stage and in the current one."""
        rows = self.store.read("pipeline/stage_history", {"id": deal_id})
        if not rows:
            raise NotFound(f"no deal with id {deal_id!r}")
        return build_history(deal_id, rows[0], now or datetime.now(UTC))

    # -- hooks ----------------------------------------------------------------------------
    def _facts(self, deal_id: str) -> tuple[dict[str, Any], frozenset[str]]:
        rows = self.store.read("pipeline/deal_facts", {"id": deal_id})
        if not rows:
            raise NotFound(f"no deal with id {deal_id!r}")
        deal: dict[str, Any] = dict(rows[0]["deal"])
        deal["owners"] = sorted(rows[0]["owners"])
        return deal, frozenset(str(r) for r in rows[0]["roles"])

    @staticmethod
    def _merged(deal: dict[str, Any], roles: frozenset[str], move: StageMove) -> DealFacts:
        amount = move.amount if move.amount is not None else deal.get("amount")
        close = move.expected_close or deal.get("expected_close")
        kept = deal.get("loss_reason") if move.stage == DealStage.CLOSED_LOST else None
        reason = move.loss_reason or kept
        return DealFacts(stage=DealStage(deal["stage"]), amount=amount,
                         expected_close=close if isinstance(close, date) else None,
                         loss_reason=LossReason(reason) if reason else None, roles=roles)

    def _apply(self, deal_id: str, deal: dict[str, Any], move: StageMove, at: datetime,
               actor: str) -> StageMoveResult:
        source = DealStage(deal["stage"])
        days = days_between(deal.get("stage_entered_at") or deal.get("created_at"), at)
        props: dict[str, Any] = {k: getattr(move, k) for k in ("amount", "next_step")
                                 if getattr(move, k) is not None}
        reason = move.loss_reason.value if move.loss_reason else (
            deal.get("loss_reason") if move.stage == DealStage.CLOSED_LOST else None)
        change = {"id": f"sc_{uuid.uuid4().hex[:16]}", "from_stage": source.value,
                  "by": move.by, "days_in_stage": days, "sources": [f"pipeline:{actor}"]}
        written = self.store.write("pipeline/move_stage", {
            "id": deal_id, "stage": move.stage.value, "at": iso(at), "props": props,
            "loss_reason": reason, "expected_close": iso(move.expected_close),
            "actual_close": iso(at.date()) if move.stage.is_closed else None,
            "change": change})
        if not written:
            raise ConstraintViolation(f"{deal_id} changed stage while this move was checked",
                                      hint="read the deal again and retry")
        changed = sorted([*props, *(["expected_close"] if move.expected_close else []),
                          *(["loss_reason"] if move.loss_reason else [])])
        result = StageMoveResult(
            deal_id=deal_id, from_stage=source, to_stage=move.stage, at=at, by=move.by,
            days_in_previous_stage=days, probability=self.settings.probability(move.stage),
            changed_fields=changed)
        if self.evidence is not None:
            self.evidence.audit(move.by or actor, "deal.stage", f"Deal:{deal_id}",
                                result.model_dump(mode="json"))
        return result

    def _reassign(self, deal_id: str, previous: list[str], member_id: str, by: str | None,
                  actor: str) -> OwnerChange:
        at = datetime.now(UTC)
        self.store.write("pipeline/drop_owners", {"deal": deal_id})
        self.store.write("pipeline/add_owner", {"deal": deal_id, "member": member_id,
                                                "since": iso(at.date())})
        result = OwnerChange(deal_id=deal_id, previous=previous, owner=member_id, at=at, by=by)
        if self.evidence is not None:
            self.evidence.audit(by or actor, "deal.owner", f"Deal:{deal_id}",
                                result.model_dump(mode="json"))
        return result


def build_history(deal_id: str, row: dict[str, Any], now: datetime) -> StageHistory:
    """A StageHistory from the stage_history row; days_by_stage adds up re-entered stages."""
    steps = sorted((StageStep.model_validate(s) for s in row["steps"]), key=lambda s: s.at)
    totals: dict[str, float] = {}
    for step in steps:
        if step.from_stage is not None and step.days_in_stage is not None:
            key = step.from_stage.value
            totals[key] = round(totals.get(key, 0.0) + step.days_in_stage, 2)
    entered = row.get("entered_at") or (steps[-1].at if steps else row.get("created_at"))
    stage = DealStage(row["stage"])
    current = None if stage.is_closed else days_between(entered, now)
    return StageHistory(deal_id=deal_id, stage=stage, entered_at=entered,
                        days_in_current_stage=current, steps=steps, days_by_stage=totals)

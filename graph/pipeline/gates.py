"""Stage gating: which moves the pipeline allows, and every reason a move is refused.

Pure functions over `DealFacts` (what the graph says about the deal once the move's own
field updates are applied), so the rules are testable without an engine and the service
checks all of them at once: a refused move lists everything that is missing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from graph.model import DealStage, LossReason
from graph.pipeline.models import Refusal
from graph.pipeline.settings import PipelineSettings


@dataclass(frozen=True)
class DealFacts:
    """The fields the rules look at."""

    stage: DealStage
    amount: float | None = None
    expected_close: date | None = None
    loss_reason: LossReason | None = None
    roles: frozenset[str] = field(default_factory=frozenset)


def _order(stage: DealStage) -> int:
    return stage.order


def _path_refusals(facts: DealFacts, target: DealStage,
                   settings: PipelineSettings) -> list[Refusal]:
    if target == facts.stage:
        return [Refusal(code="same_stage", field="stage",
                        message=f"the deal is already in {target.value}")]
    if facts.stage.is_closed and not settings.allow_reopen:
        return [Refusal(code="closed", field="stage",
                        message=f"the deal is closed ({facts.stage.value}); closed deals "
                                "do not move (RAPPORT_PIPELINE_ALLOW_REOPEN)")]
    # Losing is possible from any open stage; forward moves go one stage at a time.
    if target == DealStage.CLOSED_LOST or facts.stage.is_closed:
        return []
    skipped = [s.value for s in DealStage if _order(facts.stage) < _order(s) < _order(target)]
    if skipped and not settings.jump_allowed(facts.stage, target):
        return [Refusal(code="skips_stages", field="stage",
                        message=f"{facts.stage.value} -> {target.value} skips "
                                f"{', '.join(skipped)}; forward moves go one stage at a time")]
    return []


def _reached(target: DealStage, rule_from: DealStage) -> bool:
    """Whether a rule that holds from `rule_from` on applies to an open or won target."""
    return target != DealStage.CLOSED_LOST and _order(target) >= _order(rule_from)


def _field_refusals(facts: DealFacts, target: DealStage,
                    settings: PipelineSettings) -> list[Refusal]:
    out: list[Refusal] = []
    if _reached(target, settings.amount_from) and facts.amount is None:
        out.append(Refusal(code="missing_amount", field="amount",
                           message=f"an amount is required from {settings.amount_from.value}"))
    if _reached(target, settings.close_date_from) and facts.expected_close is None:
        out.append(Refusal(code="missing_expected_close", field="expected_close",
                           message="an expected close date is required from "
                                   f"{settings.close_date_from.value}"))
    if _reached(target, settings.decision_maker_from) and "DECISION_MAKER" not in facts.roles:
        out.append(Refusal(code="missing_decision_maker", field="stakeholders",
                           message="a DECISION_MAKER among the stakeholders is required from "
                                   f"{settings.decision_maker_from.value}"))
    if target == DealStage.CLOSED_LOST and facts.loss_reason is None:
        out.append(Refusal(code="missing_loss_reason", field="loss_reason",
                           message="closing a deal as lost needs a loss_reason"))
    if target != DealStage.CLOSED_LOST and facts.loss_reason is not None:
        out.append(Refusal(code="loss_reason_not_lost", field="loss_reason",
                           message="a loss_reason is only for CLOSED_LOST"))
    return out


def check_move(facts: DealFacts, target: DealStage,
               settings: PipelineSettings) -> list[Refusal]:
    """Every rule the move breaks (empty: the move is allowed)."""
    path = _path_refusals(facts, target, settings)
    if path and path[0].code in ("same_stage", "closed"):
        return path  # field rules say nothing useful about a move that cannot happen
    return path + _field_refusals(facts, target, settings)

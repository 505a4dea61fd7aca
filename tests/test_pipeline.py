"""Pipeline rules: every gating refusal, stage history durations, audited stage and owner
changes, on the embedded engine and the session PostgreSQL."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from graph.errors import InvalidInput, NotFound, StageGateRefused
from graph.evidence import EvidenceStore
from graph.loader import BulkLoader
from graph.model import Deal, DealStage, HasDeal, LossReason, Owns, StakeholderIn, StakeholderRole
from graph.pipeline import (
    DealFacts,
    StageMove,
    StageService,
    check_move,
    load_pipeline_settings,
)
from graph.store import GraphStore
from tests.conftest import T0
from tests.evidence_fixtures import evidence, session_evidence  # noqa: F401
from tests.factories import account, contact, member

S = DealStage
SETTINGS = load_pipeline_settings()


def codes(facts: DealFacts, target: DealStage, **overrides: object) -> list[str]:
    settings = load_pipeline_settings(**overrides) if overrides else SETTINGS
    return [r.code for r in check_move(facts, target, settings)]


FULL = DealFacts(stage=S.NEGOTIATION, amount=1e6, expected_close=date(2026, 6, 1),
                 roles=frozenset({"DECISION_MAKER"}))


def test_one_stage_forward_is_allowed_and_jumps_are_refused() -> None:
    bare = DealFacts(stage=S.IDENTIFIED)
    assert codes(bare, S.QUALIFYING) == ["missing_amount", "missing_expected_close"]
    assert codes(bare, S.QUALIFIED)[0] == "skips_stages"
    assert "skips_stages" not in codes(bare, S.QUALIFIED,
                                       allowed_jumps=["01-IDENTIFIED>03-QUALIFIED"])
    assert codes(FULL, S.COMMITTED) == []
    assert codes(FULL, S.CLOSED_WON) == ["skips_stages"]


def test_every_refusal_reason() -> None:
    bare = DealFacts(stage=S.NEEDS_ANALYSIS)
    assert codes(bare, S.NEEDS_ANALYSIS) == ["same_stage"]
    assert codes(DealFacts(stage=S.CLOSED_WON), S.COMMITTED) == ["closed"]
    assert codes(bare, S.PROPOSAL) == ["skips_stages", "missing_amount",
                                       "missing_expected_close", "missing_decision_maker"]
    assert codes(bare, S.CLOSED_LOST) == ["missing_loss_reason"]
    lost = DealFacts(stage=S.VIEWING, amount=1.0, expected_close=date(2026, 1, 1),
                     loss_reason=LossReason.PRICE)
    assert codes(lost, S.CLOSED_LOST) == []
    assert codes(lost, S.PROPOSAL) == ["loss_reason_not_lost", "missing_decision_maker"] \
        or codes(lost, S.PROPOSAL) == ["missing_decision_maker", "loss_reason_not_lost"]


def test_backward_moves_and_reopening() -> None:
    assert codes(FULL, S.QUALIFIED) == []
    won = DealFacts(stage=S.CLOSED_WON, amount=1.0, expected_close=date(2026, 1, 1),
                    roles=frozenset({"DECISION_MAKER"}))
    assert codes(won, S.COMMITTED, allow_reopen=True) == []


def test_stages_by_name() -> None:
    assert StageMove(stage="proposal").stage == S.PROPOSAL  # type: ignore[arg-type]
    assert StageMove(stage="closed won").stage == S.CLOSED_WON  # type: ignore[arg-type]
    assert StageMove(stage="CLOSED_LOST").stage == S.CLOSED_LOST  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="01-IDENTIFIED"):
        StageMove(stage="10-NOPE")  # type: ignore[arg-type]


def test_settings_name_the_variable() -> None:
    from graph.errors import ConfigError

    with pytest.raises(ConfigError, match="RAPPORT_PIPELINE_ALLOWED_JUMPS"):
        load_pipeline_settings(allowed_jumps=["01-IDENTIFIED-03-QUALIFIED"])
    with pytest.raises(ConfigError, match="RAPPORT_PIPELINE_PROBABILITIES"):
        load_pipeline_settings(probabilities={"06-PROPOSAL": 1.5})
    custom = load_pipeline_settings(probabilities={"06-PROPOSAL": 0.45})
    assert custom.probability(S.PROPOSAL) == 0.45 and custom.probability(S.VIEWING) == 0.5


@pytest.fixture
def one_deal(store: GraphStore) -> GraphStore:
    """deal_1 at 01-IDENTIFIED since T0 (no amount, no close date); ct_1 is a USER on it."""
    d = Deal(id="deal_1", created_at=T0, updated_at=T0, name="Lisbon office",
             stage=S.IDENTIFIED, stage_entered_at=T0)
    acc, ana, maya, tom = account(1), contact(1), member(1), member(2)
    nodes = {"Member": [maya, tom], "Account": [acc], "Contact": [ana], "Deal": [d]}
    edges = {"HAS_DEAL": [HasDeal(src=acc.ref, dst=d.ref)],
             "OWNS": [Owns(src=maya.ref, dst=d.ref)],
             "STAKEHOLDER_IN": [StakeholderIn(src=ana.ref, dst=d.ref,
                                              role=StakeholderRole.USER)]}
    BulkLoader(store).load(nodes, edges)
    return store


def test_refused_move_lists_what_is_missing_and_changes_nothing(
        one_deal: GraphStore, evidence: EvidenceStore) -> None:  # noqa: F811
    service = StageService(one_deal, evidence, SETTINGS)
    with pytest.raises(StageGateRefused) as refused:
        service.move("deal_1", StageMove(stage=S.QUALIFYING, at=T0 + timedelta(days=3)))
    assert {r["code"] for r in refused.value.reasons} == {"missing_amount",
                                                          "missing_expected_close"}
    assert refused.value.extra()["reasons"] == refused.value.reasons
    assert service.history("deal_1", now=T0).steps == []
    assert evidence.audit_trail("Deal:deal_1") == []


def test_moves_write_history_with_durations_and_audit(
        one_deal: GraphStore, evidence: EvidenceStore) -> None:  # noqa: F811
    service = StageService(one_deal, evidence, SETTINGS)
    first = service.move("deal_1", StageMove(
        stage=S.QUALIFYING, by="mem_1", at=T0 + timedelta(days=3), amount=250_000,
        expected_close=date(2026, 6, 30), next_step="Send the brochure"))
    assert first.days_in_previous_stage == 3.0 and first.probability == 0.2
    assert first.changed_fields == ["amount", "expected_close", "next_step"]
    service.move("deal_1", StageMove(stage=S.QUALIFIED, by="mem_1",
                                     at=T0 + timedelta(days=13, hours=12)))
    service.move("deal_1", StageMove(stage=S.QUALIFYING, by="mem_2",
                                     at=T0 + timedelta(days=15)))
    history = service.history("deal_1", now=T0 + timedelta(days=20))
    assert [(s.from_stage, s.to_stage, s.days_in_stage) for s in history.steps] == [
        (S.IDENTIFIED, S.QUALIFYING, 3.0), (S.QUALIFYING, S.QUALIFIED, 10.5),
        (S.QUALIFIED, S.QUALIFYING, 1.5)]
    assert history.days_by_stage == {S.IDENTIFIED.value: 3.0, S.QUALIFYING.value: 10.5,
                                     S.QUALIFIED.value: 1.5}
    assert history.stage == S.QUALIFYING and history.days_in_current_stage == 5.0
    assert [s.by for s in history.steps] == ["mem_1", "mem_1", "mem_2"]
    trail = evidence.audit_trail("Deal:deal_1")
    assert [e.action for e in trail] == ["deal.stage"] * 3
    assert trail[0].actor == "mem_2" and trail[0].details["to_stage"] == S.QUALIFYING.value


def test_closing_lost_needs_a_reason_and_sets_the_close_date(
        one_deal: GraphStore, evidence: EvidenceStore) -> None:  # noqa: F811
    service = StageService(one_deal, evidence, SETTINGS)
    at = T0 + timedelta(days=40)
    with pytest.raises(StageGateRefused, match="loss_reason"):
        service.move("deal_1", StageMove(stage=S.CLOSED_LOST, at=at))
    service.move("deal_1", StageMove(stage=S.CLOSED_LOST, at=at,
                                     loss_reason=LossReason.TIMING))
    row = one_deal.read("pipeline/deal_facts", {"id": "deal_1"})[0]["deal"]
    assert row["loss_reason"] == "TIMING" and row["actual_close"] == at.date()
    with pytest.raises(StageGateRefused, match="closed"):
        service.move("deal_1", StageMove(stage=S.IDENTIFIED, at=at))
    assert service.history("deal_1", now=at).days_in_current_stage is None


def test_a_move_checked_against_a_stale_stage_is_refused(one_deal: GraphStore) -> None:
    from graph.errors import ConstraintViolation

    service = StageService(one_deal, None, SETTINGS)
    stale, _ = service._facts("deal_1")
    service.move("deal_1", StageMove(stage=S.CLOSED_LOST, loss_reason=LossReason.PRICE))
    with pytest.raises(ConstraintViolation, match="changed stage"):
        service._apply("deal_1", stale, StageMove(stage=S.CLOSED_LOST,
                                                  loss_reason=LossReason.TIMING),
                       T0 + timedelta(days=1), "test")
    assert len(service.history("deal_1").steps) == 1


def test_bad_moves_name_the_problem(one_deal: GraphStore) -> None:
    service = StageService(one_deal, None, SETTINGS)
    with pytest.raises(NotFound, match="deal_9"):
        service.move("deal_9", StageMove(stage=S.QUALIFYING))
    with pytest.raises(InvalidInput, match="before the deal entered"):
        service.move("deal_1", StageMove(stage=S.CLOSED_LOST, at=T0 - timedelta(days=1),
                                         loss_reason=LossReason.PRICE))
    with pytest.raises(NotFound, match="mem_9"):
        service.change_owner("deal_1", "mem_9")


def test_owner_change_is_audited(one_deal: GraphStore,
                                 evidence: EvidenceStore) -> None:  # noqa: F811
    service = StageService(one_deal, evidence, SETTINGS)
    change = service.change_owner("deal_1", "mem_2", by="lead")
    assert change.previous == ["mem_1"] and change.owner == "mem_2"
    owners = one_deal.read("pipeline/deal_facts", {"id": "deal_1"})[0]["owners"]
    assert owners == ["mem_2"]
    entry = evidence.audit_trail("Deal:deal_1")[0]
    assert entry.action == "deal.owner" and entry.actor == "lead"
    assert entry.details["previous"] == ["mem_1"]

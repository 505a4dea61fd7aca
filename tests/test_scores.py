"""Scores: drivers add up to every score, trends, and scores follow their evidence.

The hand-made graph (tests/factories.oracle_graph) has two closed deals, so its deals are
scored by the prior model; a small synthetic graph has enough history to fit the model.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from graph.errors import InvalidInput, NotFound
from graph.loader import BulkLoader
from graph.model import (
    AccountStage,
    DealStage,
    Interaction,
    InteractionKind,
    Knows,
    KnowsOrigin,
    ParticipantRole,
    ParticipatedIn,
)
from graph.pipeline import StageMove, StageService, load_pipeline_settings
from graph.store import GraphStore
from intel.scores import AccountHealth, DealScore, Scorer, load_score_settings
from intel.strength import Driver
from tests.factories import NOW, contact, member, oracle_graph

PIPELINE = load_pipeline_settings()


@pytest.fixture
def scorer(store: GraphStore) -> Scorer:
    BulkLoader(store).load(*oracle_graph())
    return Scorer(store, load_score_settings(), PIPELINE)


def adds_up(drivers: list[Driver], score: float) -> None:
    assert sum(d.contribution for d in drivers) == pytest.approx(score, abs=1e-6)
    assert all(d.detail for d in drivers)


def test_deal_drivers_add_up_to_the_score(scorer: Scorer) -> None:
    scored = scorer.deal("d1", NOW)
    assert scored.model == "prior" and scored.stage == DealStage.PROPOSAL
    assert scored.score == pytest.approx(100 * scored.win_probability, abs=0.05)
    adds_up(scored.drivers, scored.score)
    names = [d.name for d in scored.drivers]
    assert names[0] == "base rate" and "stakeholders" in names and "stage" in names
    assert scored.stage_probability == 0.6 and scored.days_in_stage == 14.0


def test_deal_trend_compares_with_a_month_ago(scorer: Scorer) -> None:
    scored = scorer.deal("d1", NOW)  # IDENTIFIED a month ago, PROPOSAL now
    assert scored.trend.direction == "up" and scored.trend.days == 30
    assert scored.trend.previous is not None and scored.trend.previous < scored.score
    assert scorer.deal("d3", NOW).stuck and not scorer.deal("d2", NOW).stuck


def test_account_health_churn_and_icp_drivers_add_up(scorer: Scorer) -> None:
    health = scorer.account("acc_1", NOW)
    adds_up(health.drivers, health.score)
    adds_up(health.churn_drivers, health.churn_risk)
    assert [d.name for d in health.drivers] == ["engagement", "breadth and depth",
                                                "deal momentum", "stage and tier"]
    assert {f.code for f in health.risk_flags} >= {"single_threaded", "stuck_deals"}
    assert health.icp is None  # a client, not a prospect


def test_prospects_get_an_icp_fit(store: GraphStore) -> None:
    nodes, edges = oracle_graph()
    prospect = nodes["Account"][1].model_copy(update={"stage": AccountStage.PROSPECT, "id": "acc_3",
                                                      "industry": "Fintech"})
    nodes["Account"].append(prospect)
    BulkLoader(store).load(nodes, edges)
    fit = Scorer(store, load_score_settings(), PIPELINE).account("acc_3", NOW).icp
    assert fit is not None and fit.won_accounts == 1  # acc_1 won d6
    adds_up(fit.drivers, fit.score)
    assert fit.drivers[0].name == "industry"
    assert fit.trend.previous == 0.0 and fit.trend.direction == "up"  # d6 won on 5 March
    assert fit.drivers[0].contribution == pytest.approx(35.0, abs=0.1)  # rounding residue


def test_unknown_and_closed(scorer: Scorer) -> None:
    with pytest.raises(NotFound, match="d9"):
        scorer.deal("d9", NOW)
    with pytest.raises(InvalidInput, match="not open"):
        scorer.deal("d6", NOW)
    with pytest.raises(NotFound, match="acc_9"):
        scorer.account("acc_9", NOW)


def test_deal_score_follows_its_evidence(scorer: Scorer) -> None:
    before = scorer.deal("d1", NOW)
    champion_tie = Knows(src=member(1).ref, dst=contact(2).ref, strength=90.0,
                         origins=[KnowsOrigin.MANUAL])
    BulkLoader(scorer.store).load({}, {"KNOWS": [champion_tie]})
    closer = scorer.deal("d1", NOW)
    assert closer.score > before.score
    people = {d.name: d for d in closer.drivers}["stakeholders"]
    assert "tie to the champion 90" in people.detail
    StageService(scorer.store, None, PIPELINE).move(
        "d1", StageMove(stage=DealStage.NEGOTIATION, at=NOW - timedelta(days=1)))
    moved = scorer.deal("d1", NOW)
    assert moved.stage == DealStage.NEGOTIATION and moved.score > closer.score
    adds_up(moved.drivers, moved.score)


def test_account_health_follows_its_evidence(scorer: Scorer) -> None:
    before = scorer.account("acc_1", NOW)
    calls = [Interaction(id=f"int_c{i}", created_at=NOW, updated_at=NOW,
                         kind=InteractionKind.CALL, at=NOW - timedelta(days=i + 1),
                         participant_count=2) for i in range(6)]
    edges = [ParticipatedIn(src=who.ref, dst=c.ref, role=role) for c in calls
             for who, role in ((member(1), ParticipantRole.ORGANIZER),
                               (contact(2), ParticipantRole.ATTENDEE))]
    BulkLoader(scorer.store).load({"Interaction": calls}, {"PARTICIPATED_IN": edges})
    after = scorer.account("acc_1", NOW)  # 6 calls + the January meeting
    engaged = {d.name: d for d in after.drivers}["engagement"]
    assert after.score > before.score and engaged.detail.startswith("7 touches")
    assert after.churn_risk < before.churn_risk and after.churn_trend.days == 30
    adds_up(after.drivers, after.score)


def test_board_scores_every_account_and_open_deal(scorer: Scorer) -> None:
    board = scorer.board(NOW)
    assert [a.account_id for a in board.accounts] == ["acc_1", "acc_2"]
    assert [d.deal_id for d in board.deals] == ["d1", "d2", "d3", "d4", "d5"]
    assert all(isinstance(d, DealScore) for d in board.deals)
    assert all(isinstance(a, AccountHealth) for a in board.accounts)


def test_fitted_model_on_synthetic_history(store: GraphStore, tmp_path: object) -> None:
    from pathlib import Path

    from graph.demo import build_demo, load_demo
    from intel.strength import load_strength_settings, rescore

    day = date(2026, 11, 22)
    dataset = build_demo(seed=3, as_of=day, clients=60)
    load_demo(store, dataset, data_dir=Path(str(tmp_path)) / "data")
    as_of = datetime(2026, 11, 23, tzinfo=NOW.tzinfo)
    rescore(store, load_strength_settings(), as_of)
    board = Scorer(store, load_score_settings(), PIPELINE).board(as_of)
    assert board.model == "fitted" and board.training_deals >= 40
    assert len(board.deals) > 10 and len(board.accounts) == 60
    for deal in board.deals:
        adds_up(deal.drivers, deal.score)
    for acc in board.accounts:
        adds_up(acc.drivers, acc.score)
        adds_up(acc.churn_drivers, acc.churn_risk)
    probabilities = {d.win_probability for d in board.deals}
    assert len(probabilities) > len(board.deals) // 2  # the model separates deals


def test_newton_logistic_recovers_known_weights_and_folds_keep_groups() -> None:
    import numpy as np

    from intel.scores.logistic import fit_logistic, group_folds

    rng = np.random.default_rng(7)
    x = rng.normal(size=(20_000, 2))
    y = (rng.random(20_000) < 1 / (1 + np.exp(-(0.5 + x @ np.array([1.5, -2.0]))))).astype(float)
    coef, intercept = fit_logistic(x, y, np.ones(20_000), c=1e6)
    assert coef == pytest.approx([1.5, -2.0], abs=0.1) and intercept == pytest.approx(0.5, abs=0.1)
    groups = ["a", "a", "b", "c", "c", "d", "e", "e"]
    seen: list[int] = []
    for train, test in group_folds(groups, 3):
        assert not {groups[i] for i in train} & {groups[i] for i in test}
        seen += test
    assert sorted(seen) == list(range(len(groups)))

"""The Oracle on a hand-made graph (tests/factories.oracle_graph, as of 2026-03-15):
forecast arithmetic, pipeline, win/loss, every alert kind, next actions with evidence.

Open EUR deals now: d1 PROPOSAL 100k (closes March), d2 COMMITTED 200k (April), d3
QUALIFYING 50k (closed date 10 Feb: overdue, counted in March), d5 NEEDS_ANALYSIS 80k (no
date); d4 is in GBP. A month ago (13 Feb) d1 was IDENTIFIED and d6 (won 5 March, 400k) was
COMMITTED; d7 was already lost.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from graph.loader import BulkLoader
from graph.pipeline import load_pipeline_settings
from graph.store import GraphStore
from intel.oracle import Oracle, load_oracle_settings
from intel.scores import load_score_settings
from tests.factories import NOW, oracle_graph


@pytest.fixture
def oracle(store: GraphStore) -> Oracle:
    BulkLoader(store).load(*oracle_graph())
    return Oracle(store, load_oracle_settings(forecast_months=4), load_score_settings(),
                  load_pipeline_settings())


def test_forecast_arithmetic(oracle: Oracle) -> None:
    f = oracle.forecast(NOW)
    t = f.totals
    assert (t.open_deals, t.pipeline, t.best_case, t.commit) == (4, 430_000, 300_000, 200_000)
    assert t.expected == pytest.approx(0.6 * 100e3 + 0.8 * 200e3 + 0.2 * 50e3 + 0.4 * 80e3)
    march, april, may, june = f.months
    assert (march.label, march.deals, march.amount) == ("2026-03", 2, 150_000)
    assert march.expected == pytest.approx(60_000 + 10_000) and march.won == 400_000
    assert (april.deals, april.expected, may.deals, june.expected) == (1, 160_000, 0, 0)
    assert [(q.label, q.expected) for q in f.quarters] == [("2026-Q1", 70_000),
                                                           ("2026-Q2", 160_000)]
    assert f.overdue == 1 and f.other_currencies == 1
    assert (f.unscheduled.open_deals, f.unscheduled.expected) == (1, pytest.approx(32_000))
    ago = f.month_ago
    assert (ago.open_deals, ago.pipeline, ago.commit, ago.best_case) == (5, 830_000, 600_000,
                                                                          600_000)
    assert ago.expected == pytest.approx(10_000 + 160_000 + 10_000 + 32_000 + 320_000)
    assert (f.delta.pipeline, f.delta.commit) == (-400_000, -400_000)
    assert f.delta.expected == pytest.approx(262_000 - 532_000)
    model = sum(p.expected_model for p in f.months) + f.unscheduled.expected_model
    assert t.expected_model == pytest.approx(model, abs=0.05)


def test_forecast_categories_follow_settings(store: GraphStore) -> None:
    BulkLoader(store).load(*oracle_graph())
    wide = Oracle(store, load_oracle_settings(commit_from="06-PROPOSAL",
                                              best_case_from="02-QUALIFYING"),
                  load_score_settings(), load_pipeline_settings(
                      probabilities={"06-PROPOSAL": 0.5}))
    t = wide.forecast(NOW).totals
    assert (t.commit, t.best_case) == (300_000, 430_000)
    assert t.expected == pytest.approx(0.5 * 100e3 + 0.8 * 200e3 + 0.2 * 50e3 + 0.4 * 80e3)


def test_pipeline_by_stage(oracle: Oracle) -> None:
    view = oracle.pipeline_view(NOW)
    rows = {r.stage.value: r for r in view.stages}
    assert view.open_deals == 4 and view.amount == 430_000 and view.other_currencies == 1
    assert rows["02-QUALIFYING"].stuck == 1 and rows["06-PROPOSAL"].deals == 1
    assert rows["08-COMMITTED"].expected == pytest.approx(160_000)
    assert rows["08-COMMITTED"].median_days_in_stage == pytest.approx(42.0)


def test_win_loss(oracle: Oracle) -> None:
    result = oracle.win_loss(as_of=NOW)
    assert (result.closed, result.won, result.lost) == (2, 1, 1)
    assert [(b.key, b.lost, b.win_rate) for b in result.by_loss_reason] == [("PRICE", 1, None)]
    assert [(b.key, b.lost) for b in result.by_stage_lost] == [("03-QUALIFIED", 1)]
    assert [(b.key, b.won, b.lost, b.win_rate) for b in result.by_size] == [
        ("0-500,000", 1, 1, 0.5)]
    assert result.by_owner[0].key == "Maya 1 (mem_1)"
    assert oracle.win_loss(since=date(2026, 2, 1), as_of=NOW).closed == 1


def test_every_alert_kind(oracle: Oracle) -> None:
    found = oracle.alerts(NOW)
    subjects = {(a.kind, a.subject_id) for a in found.alerts}
    assert subjects == {("stuck_deal", "d3"), ("no_next_step", "d1"),
                        ("decision_maker_silent", "d1"), ("account_without_owner", "acc_2"),
                        ("single_threaded_key_account", "acc_1"),
                        ("property_reserved_too_long", "p_1")}
    silent = next(a for a in found.alerts if a.kind == "decision_maker_silent")
    assert "54 days" in silent.message
    assert found.counts["stuck_deal"] == 1


def test_next_actions_cite_their_evidence(oracle: Oracle) -> None:
    outlook = oracle.account_outlook("acc_1", NOW)
    evidence = [a.evidence for a in outlook.next_actions]
    call = next(a for a in outlook.next_actions if a.contact_id == "ct_1")
    assert call.priority == 1 and call.member_id == "mem_1"
    assert "No touch in 54 days with Ana Silva 1 (CFO)" in call.evidence
    assert "Maya 1 has a strong tie to them (82)" in call.evidence
    assert any("within" in e and "QUALIFYING" in e for e in evidence)  # stuck d3
    assert any(a.action.startswith("Set a next step") for a in outlook.next_actions)
    later = oracle.account_outlook("acc_1", NOW - timedelta(days=40))
    assert all(a.contact_id != "ct_1" for a in later.next_actions)  # met 15 days before

"""Engine-ready rows: temporal fields as ISO text beside props, enums as their values."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

from graph.model import Deal, DealStage, Knows, KnowsOrigin
from graph.rows import edge_row, iso, node_row
from graph.store import to_param
from tests.factories import contact, deal, member, small_graph


def test_node_row_shape() -> None:
    row = node_row(contact(1, seniority="C_LEVEL"))
    assert row["id"] == "ct_1"
    assert row["created_at"] == "2026-01-01T09:30:00"
    assert "created_at" not in row["props"] and "id" not in row["props"]
    assert row["props"]["name"] == "Ana Silva 1"
    assert type(row["props"]["seniority"]) is str and row["props"]["seniority"] == "C_LEVEL"


def test_rows_are_already_engine_parameters() -> None:
    d = deal(1)
    for row in (node_row(d), edge_row(small_graph()[1]["KNOWS"][0])):
        assert to_param(row) == row


def test_dates_and_optional_temporal_fields() -> None:
    row = node_row(deal(1))
    assert row["expected_close"] == "2026-03-31" and row["actual_close"] is None
    assert row["props"]["stage"] == DealStage.PROPOSAL.value


def test_edge_row_shape_and_enum_lists() -> None:
    edge = Knows(src=member(1).ref, dst=contact(1).ref, origins=[KnowsOrigin.LINKEDIN])
    row = edge_row(edge)
    assert (row["src"], row["dst"]) == ("mem_1", "ct_1")
    assert row["props"]["origins"] == ["LINKEDIN"]
    assert type(row["props"]["origins"][0]) is str
    assert row["first_seen"] is None


def test_iso_normalises_to_naive_utc() -> None:
    plus_two = timezone(timedelta(hours=2))
    assert iso(datetime(2026, 5, 1, 12, 0, tzinfo=plus_two)) == "2026-05-01T10:00:00"
    assert iso(datetime(2026, 5, 1, 12, 0)) == "2026-05-01T12:00:00"
    assert iso(datetime(2026, 5, 1, 12, 0, 0, 5, tzinfo=UTC)) == "2026-05-01T12:00:00.000005"
    assert iso(date(2026, 5, 1)) == "2026-05-01" and iso(None) is None


def test_model_construct_instances_work_too() -> None:
    fast = Deal.model_construct(**deal(2).model_dump())
    assert node_row(fast) == node_row(deal(2))


def test_node_row_can_leave_fields_out() -> None:
    full = node_row(deal(1))
    row = node_row(deal(1), omit=frozenset({"created_at", "updated_at"}))
    assert "created_at" not in row and "updated_at" not in row
    assert "created_at" not in row["props"] and "updated_at" not in row["props"]
    assert row == {k: v for k, v in full.items() if k not in ("created_at", "updated_at")}

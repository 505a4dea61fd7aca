"""Commit writes are sent by a thread of their own while the next chunk is built: they
reach the engine in order, a failing write stops the rest, and an approve whose write
fails half-way leaves the graph as it was (real embedded FalkorDB and PostgreSQL)."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime
from typing import Any

import pytest

from graph.errors import RapportError
from graph.evidence import EvidenceStore
from graph.imports import ImportService
from graph.imports.sender import WriteSender
from graph.model import Contact
from graph.rows import node_row
from graph.store import GraphStore
from graph.store.base import PreparedWrite
from tests.evidence_fixtures import (  # noqa: F401
    evidence,
    fixture_bytes,
    session_evidence,
    snapshot,
)

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _contact_rows(first: int, n: int, name: str = "Ana") -> list[dict[str, Any]]:
    return [node_row(Contact(id=f"ct_{i}", name=f"{name} {i}", created_at=T0, updated_at=T0,
                             sources=["test"])) for i in range(first, first + n)]


def _names(store: GraphStore) -> dict[str, str]:
    return {r["id"]: r["name"] for r in store.read_cypher(
        "MATCH (c:Contact) RETURN c.id AS id, c.name AS name")}


def test_writes_run_in_the_order_given(store: GraphStore) -> None:
    # The same ten contacts written three times with different names: the last wins only
    # when the statements ran in order.
    writes = [("load/nodes/contact", _contact_rows(0, 10, name)) for name in ("A", "B", "C")]
    before = store.write_mark()
    with WriteSender(store, batch_size=4) as sender:
        sender.send(writes)  # 3 statements per write
        sent = sender.finish()
    assert sent == 9
    assert _names(store) == {f"ct_{i}": f"C {i}" for i in range(10)}
    if before is not None:  # FalkorDB: the mark moved by exactly the statements sent
        assert store.write_mark() == before.after(9)


def test_the_guard_runs_before_each_write_with_the_writes_run_so_far(
        store: GraphStore) -> None:
    seen: list[object] = []
    with WriteSender(store, batch_size=2, guard=lambda sent: seen.append(("guard", sent))
                     ) as sender:
        sender.record(lambda: seen.append(("recorded", len(_names(store)))))
        sender.send([("load/nodes/contact", _contact_rows(0, 4))])
        assert sender.finish() == 2
    assert seen == [("recorded", 0), ("guard", 0), ("guard", 1)]
    assert len(_names(store)) == 4


def test_a_guard_that_raises_stops_the_writes(store: GraphStore) -> None:
    def guard(sent: int) -> None:
        if sent == 1:
            raise RapportError("someone else wrote")

    with pytest.raises(RapportError, match="someone else"), \
            WriteSender(store, batch_size=2, guard=guard) as sender:
        sender.send([("load/nodes/contact", _contact_rows(0, 6))])
        sender.finish()
    assert sorted(_names(store)) == ["ct_0", "ct_1"]


def test_a_failing_write_stops_the_ones_queued_after_it(
        store: GraphStore, monkeypatch: pytest.MonkeyPatch) -> None:
    real = store.run_prepared
    calls: list[str] = []

    def failing_second(prepared: PreparedWrite, timeout_s: float | None = None) -> Any:
        calls.append(prepared.name)
        if len(calls) == 2:
            raise RapportError("the engine refused the write")
        return real(prepared, timeout_s=timeout_s)

    monkeypatch.setattr(store, "run_prepared", failing_second)
    with pytest.raises(RapportError, match="refused"), \
            WriteSender(store, batch_size=5) as sender:
        sender.send([("load/nodes/contact", _contact_rows(0, 20))])  # four statements
        sender.finish()
    assert len(calls) == 2  # nothing ran after the failure
    assert sorted(_names(store)) == sorted(f"ct_{i}" for i in range(5))


def test_writes_wait_for_the_change_log_recorded_before_them(store: GraphStore) -> None:
    recorded = threading.Event()
    seen: list[object] = []

    def record_slowly() -> None:
        recorded.wait(timeout=5)  # held until the test has seen the write wait
        seen.append(("recorded", len(_names(store))))

    with WriteSender(store, batch_size=10) as sender:
        sender.record(record_slowly)
        sender.send([("load/nodes/contact", _contact_rows(0, 3))])
        sender.record(lambda: seen.append(("recorded", len(_names(store)))))
        sender.send([("load/nodes/contact", _contact_rows(3, 3))])
        time.sleep(0.2)
        assert _names(store) == {}  # the first write is still waiting for its record
        recorded.set()
        assert sender.finish() == 2
    # Each change log was recorded before its own write ran: the second may be recorded
    # before the first write or after it, never after the second.
    assert seen[0] == ("recorded", 0)
    assert seen[1] in (("recorded", 0), ("recorded", 3))
    assert len(_names(store)) == 6


def test_a_change_log_that_fails_stops_its_writes_and_the_rest(store: GraphStore) -> None:
    def refuse() -> None:
        raise RapportError("the evidence store refused the change log")

    with pytest.raises(RapportError, match="refused the change log"), \
            WriteSender(store, batch_size=10) as sender:
        sender.record(lambda: None)
        sender.send([("load/nodes/contact", _contact_rows(0, 2))])
        sender.record(refuse)
        sender.send([("load/nodes/contact", _contact_rows(2, 2))])
        sender.record(lambda: None)
        sender.send([("load/nodes/contact", _contact_rows(4, 2))])
        sender.finish()
    assert sorted(_names(store)) == ["ct_0", "ct_1"]


def test_leaving_on_an_error_drops_what_is_queued(store: GraphStore) -> None:
    with pytest.raises(KeyError), WriteSender(store, batch_size=1) as sender:
        sender.send([("load/nodes/contact", _contact_rows(0, 3))])
        raise KeyError("the caller failed")
    # Leaving returned only once nothing of the sender was running: the graph is settled
    # (whatever ran before the error is there, the rest never will be).
    settled = _names(store)
    assert len(settled) <= 3
    assert _names(store) == settled


def test_an_approve_whose_write_fails_half_way_leaves_the_graph_as_it_was(
        store: GraphStore, evidence: EvidenceStore,  # noqa: F811
        monkeypatch: pytest.MonkeyPatch) -> None:
    service = ImportService(store, evidence, batch_size=2, chunk_rows=2, clock=lambda: T0)
    staged = service.stage("hubspot-contacts", "contacts.csv",
                           fixture_bytes("hubspot_contacts.csv"))
    before = snapshot(store)
    real = store.run_prepared
    sent: list[str] = []

    def failing_later(prepared: PreparedWrite, timeout_s: float | None = None) -> Any:
        sent.append(prepared.name)
        if len(sent) == 4:  # the first chunk written, the second's first write
            raise RapportError("the engine went away")
        return real(prepared, timeout_s=timeout_s)

    monkeypatch.setattr(store, "run_prepared", failing_later)
    with pytest.raises(RapportError, match="went away"):
        service.approve(staged.batch_id)
    monkeypatch.setattr(store, "run_prepared", real)
    assert snapshot(store) == before
    assert service.preview(staged.batch_id).status == "staged"
    done = service.approve(staged.batch_id)  # and it can be approved again
    assert done.status == "committed"
    assert snapshot(store) != before

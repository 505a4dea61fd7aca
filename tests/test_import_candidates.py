"""Candidates read from the graph: contacts a stage has read stay cached as JSON text (a
mailbox names 100,000s of them) and unpack to what was read; a mail participant's
candidates are read partially, and a contact the batch changes is read in full for its
change log (real embedded FalkorDB and PostgreSQL)."""

from __future__ import annotations

import math
from datetime import UTC, datetime

from graph.evidence import EvidenceStore
from graph.imports import ImportService
from graph.imports.candidates import Candidate, _Packed
from graph.model import Contact
from graph.rows import node_row
from graph.store import GraphStore
from tests.evidence_fixtures import evidence, session_evidence, snapshot  # noqa: F401

T0, T1 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC), datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def test_a_packed_candidate_unpacks_to_what_was_read() -> None:
    props = {"id": "ct_1", "name": "Zoë \"Ñúñez\" back\\slash\nline 😀",
             "emails": ["zoe@example.com", "z@example.com"], "score": 0.1, "count": 2**62,
             "do_not_contact": False, "edited_fields": [],
             "created_at": {"$datetime": "2026-03-02T09:00:00"},
             "birthday": {"$date": "1990-01-02"}}
    cand = Candidate("ct_1", "Contact", props, ["Acme Lda"])
    packed = _Packed.of(cand)
    assert packed.text is not None and packed.kept is None
    again = packed.candidate()
    assert again == cand
    assert type(again.props["count"]) is int


def test_a_candidate_json_cannot_hold_is_kept_as_it_is() -> None:
    cand = Candidate("ct_2", "Contact", {"id": "ct_2", "weight": math.nan}, [])
    packed = _Packed.of(cand)
    assert packed.text is None
    assert packed.candidate() is cand


def test_a_participant_that_changes_a_contact_keeps_its_whole_before_for_undo(
        store: GraphStore, evidence: EvidenceStore) -> None:  # noqa: F811
    ana = node_row(Contact(id="ct_ana", name="Ana Lima", email="ana@example.com",
                           title="CEO", created_at=T0, updated_at=T0, sources=["manual"]))
    ana["props"]["emails"] = None  # written by an older client: no list of emails
    store.write_rows("load/nodes/contact", [ana])
    service = ImportService(store, evidence, clock=lambda: T1)
    service.add_member("Member Zero", "member0@rapport.example")
    before = snapshot(store)
    mbox = (b"From ana@example.com Mon Mar  2 09:00:00 2026\nFrom: Ana <ana@example.com>\n"
            b"To: member0@rapport.example\nSubject: Ola\n"
            b"Date: Mon, 2 Mar 2026 09:00:00 +0000\nMessage-ID: <ana1@t.example>\n\nBody\n")
    batch = service.stage("mail", "ana.mbox", mbox).batch_id
    service.approve(batch)
    assert store.read_cypher("MATCH (c:Contact {id: 'ct_ana'}) RETURN c.emails AS emails, "
                             "c.title AS title") == [{"emails": ["ana@example.com"],
                                                      "title": "CEO"}]
    logged = [c for c in evidence.changes(batch) if c.node_id == "ct_ana"]
    assert logged and logged[0].before is not None
    assert logged[0].before["title"] == "CEO" and logged[0].before["sources"] == ["manual"]
    service.undo(batch)
    assert snapshot(store) == before

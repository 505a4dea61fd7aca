"""New interactions from an import rescore the relationships they touch (the service test
of rescore_interactions shows untouched pairs keep their scores)."""

from __future__ import annotations

import pytest

from api.rescore_hook import new_interactions, rescore_after_import
from graph.evidence import EvidenceStore
from graph.imports import ImportService
from graph.imports.errors import BatchStateError
from graph.store import GraphStore

# The evidence-store fixtures, shared with the import tests (one PostgreSQL per session).
from tests.evidence_fixtures import (  # noqa: F401
    evidence,
    fixture_bytes,
    session_evidence,
    snapshot,
)


@pytest.fixture
def service(store: GraphStore, evidence: EvidenceStore) -> ImportService:  # noqa: F811
    svc = ImportService(store, evidence)
    svc.add_member("Maria Member", "maria@rapport.example")
    return svc


def _scored(store: GraphStore) -> dict[tuple[str, str], float | None]:
    rows = store.read_cypher("MATCH (a)-[k:KNOWS]->(b) RETURN a.id AS a, b.id AS b, "
                             "k.strength AS s")
    return {(r["a"], r["b"]): r["s"] for r in rows}


def test_mail_import_scores_the_touched_ties(service: ImportService,
                                             store: GraphStore) -> None:
    contacts = service.stage("hubspot-contacts", "hubspot_contacts.csv",
                             fixture_bytes("hubspot_contacts.csv"))
    service.approve(contacts.batch_id)
    assert rescore_after_import(store, service.evidence, contacts.batch_id) is None
    mail = service.stage("auto", "mailbox.mbox", fixture_bytes("mailbox.mbox"))
    service.approve(mail.batch_id)
    assert len(new_interactions(service.evidence, mail.batch_id)) == 2
    report = rescore_after_import(store, service.evidence, mail.batch_id)
    assert report is not None and report.pairs_scored > 0
    scored = _scored(store)
    assert scored and all(s is not None and 0 <= s <= 100 for s in scored.values())


def _later_mail() -> bytes:
    """Messages after the fixture mailbox's, between the same people and one new one."""
    people = [("Ana Lima <ana.lima@acme.pt>", "Maria Member <maria@rapport.example>"),
              ("Maria Member <maria@rapport.example>", "Bruno Costa <bruno@globex.example>"),
              ("Bruno Costa <bruno@globex.example>", "Ana Lima <ana.lima@acme.pt>"),
              ("Maria Member <maria@rapport.example>", "Nova Pessoa <nova@new.example>")]
    return "".join(
        f"From x Mon Mar  2 09:00:00 2026\nFrom: {sender}\nTo: {to}\nSubject: Later {i}\n"
        f"Date: Mon, 2 Mar 2026 1{i}:00:00 +0000\nMessage-ID: <later{i}@test.example>\n\nhi\n\n"
        for i, (sender, to) in enumerate(people)).encode()


def test_undo_puts_back_the_ties_the_rescore_changed(service: ImportService,
                                                     store: GraphStore) -> None:
    """Approving through the CLI or the API rescores the ties the new interactions touch:
    the batch's undo restores their scores and removes the ties it created, exactly."""
    contacts = service.stage("hubspot-contacts", "hubspot_contacts.csv",
                             fixture_bytes("hubspot_contacts.csv"))
    service.approve(contacts.batch_id)
    first = service.stage("mail", "mailbox.mbox", fixture_bytes("mailbox.mbox"))
    service.approve(first.batch_id)
    assert rescore_after_import(store, service.evidence, first.batch_id) is not None
    before = snapshot(store)
    later = service.stage("mail", "later.mbox", _later_mail())
    service.approve(later.batch_id)
    assert rescore_after_import(store, service.evidence, later.batch_id) is not None
    changed = snapshot(store)
    knows = [r for r in changed[1] if r["type"] == "KNOWS"]
    assert len(knows) > len([r for r in before[1] if r["type"] == "KNOWS"])  # created
    assert [r for r in knows if r in before[1]] != knows  # and rescored
    # The first batch's ties were rescored again by the later one: undone first.
    with pytest.raises(BatchStateError, match=f"undo {later.batch_id} first"):
        service.undo(first.batch_id)
    service.undo(later.batch_id)
    assert snapshot(store) == before

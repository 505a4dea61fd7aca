"""New interactions from an import rescore the relationships they touch (the service test
of rescore_interactions shows untouched pairs keep their scores)."""

from __future__ import annotations

import pytest

from api.rescore_hook import new_interactions, rescore_after_import
from graph.evidence import EvidenceStore
from graph.imports import ImportService
from graph.store import GraphStore

# The evidence-store fixtures, shared with the import tests (one PostgreSQL per session).
from tests.evidence_fixtures import evidence, fixture_bytes, session_evidence  # noqa: F401


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

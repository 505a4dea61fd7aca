"""Newest wins, unless a field was edited by hand in Rapport: a newer export updates what
changed, but a field a person changed through the API keeps the person's value."""

from __future__ import annotations

from fastapi.testclient import TestClient

from graph.evidence import EvidenceStore
from graph.imports import ImportService
from graph.store import GraphStore
from tests.evidence_fixtures import (  # noqa: F401
    api_app,
    bearer,
    evidence,
    fixture_bytes,
    session_evidence,
)


def _ana(store: GraphStore) -> dict[str, object]:
    rows = store.read_cypher("MATCH (c:Contact {name: 'Ana Lima'}) RETURN properties(c) AS p")
    return dict(rows[0]["p"])


def test_a_newer_export_never_overwrites_a_field_edited_by_hand(
        store: GraphStore, evidence: EvidenceStore) -> None:  # noqa: F811
    service = ImportService(store, evidence)
    first = service.stage("hubspot-contacts", "v1.csv", fixture_bytes("hubspot_contacts.csv"))
    service.approve(first.batch_id)
    ana = _ana(store)
    with TestClient(api_app(store, evidence), headers=bearer(evidence, "seller")) as client:
        edited = client.patch(f"/v1/contacts/{ana['id']}", json={"title": "Head of Buying"})
    assert edited.status_code == 200, edited.text
    assert edited.json()["edited_fields"] == ["title"]

    newer = fixture_bytes("hubspot_contacts.csv").replace(
        b"+351 912 345 678,Head of Procurement", b"+351 912 000 000,Chief Procurement Officer")
    preview = service.stage("hubspot-contacts", "v2.csv", newer)
    assert preview.nodes["Contact"].updated == 1  # the phone; the title is the person's
    service.approve(preview.batch_id)
    after = _ana(store)
    assert after["title"] == "Head of Buying"
    assert after["phone"] == "+351912000000" != ana["phone"]
    assert after["edited_fields"] == ["title"]

"""`/v1/imports`: upload (multipart), preview, approve, undo, size limit, problem+json."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from graph.evidence import EvidenceStore
from graph.evidence.settings import get_evidence_settings, load_evidence_settings
from graph.store import GraphStore
from tests.evidence_fixtures import (  # noqa: F401
    bearer,
    evidence,
    fixture_bytes,
    import_api,
    session_evidence,
    snapshot,
)


@pytest.fixture
def client(store: GraphStore, evidence: EvidenceStore) -> Iterator[TestClient]:  # noqa: F811
    app = import_api(store, evidence)
    app.dependency_overrides[get_evidence_settings] = lambda: load_evidence_settings(
        import_max_upload_mb=0.01)
    with TestClient(app, headers=bearer(evidence, "admin")) as c:
        yield c


def test_upload_preview_approve_undo(client: TestClient, store: GraphStore) -> None:
    before = snapshot(store)
    staged = client.post("/v1/imports", files={"file": ("hubspot_contacts.csv",
                                                        fixture_bytes("hubspot_contacts.csv"),
                                                        "text/csv")},
                         data={"profile": "auto"})
    assert staged.status_code == 201, staged.text
    body = staged.json()
    assert body["profile"] == "hubspot-contacts" and body["status"] == "staged"
    assert body["file_name"] == "hubspot_contacts.csv"
    assert body["nodes"]["Contact"]["new"] == 3 and body["rejected"] == 1
    batch = body["batch_id"]
    got = client.get(f"/v1/imports/{batch}")
    assert got.status_code == 200 and got.json()["unmapped_columns"] == ["Favorite Color",
                                                                          "Notes"]
    approved = client.post(f"/v1/imports/{batch}/approve")
    assert approved.status_code == 200 and approved.json()["status"] == "committed"
    again = client.post(f"/v1/imports/{batch}/approve")
    assert again.status_code == 409
    assert again.headers["content-type"] == "application/problem+json"
    undone = client.post(f"/v1/imports/{batch}/undo")
    assert undone.status_code == 200 and undone.json()["deleted_nodes"] == 5
    assert snapshot(store) == before


def test_mapping_part_and_member(client: TestClient, store: GraphStore,
                                 evidence: EvidenceStore) -> None:  # noqa: F811
    from graph.imports import ImportService

    ImportService(store, evidence).add_member("Maria Member", "maria@rapport.example")
    staged = client.post("/v1/imports", files={
        "file": ("people.csv", fixture_bytes("generic_people.csv"), "text/csv"),
        "mapping": ("people.yaml", fixture_bytes("generic_people.yaml"), "application/yaml")},
        data={"profile": "generic", "member": "maria@rapport.example"})
    assert staged.status_code == 201, staged.text
    assert staged.json()["relationships"]["KNOWS"]["new"] == 3


def test_upload_errors_are_problems(client: TestClient) -> None:
    too_big = client.post("/v1/imports", files={"file": ("big.csv", b"a,b\n" + b"1,2\n" * 5000)})
    assert too_big.status_code == 413
    assert too_big.headers["content-type"] == "application/problem+json"
    assert "RAPPORT_IMPORT_MAX_UPLOAD_MB" in too_big.json()["hint"]
    binary = client.post("/v1/imports", files={"file": ("x.png", b"\x89PNG\x00\x00\x01\x02")})
    assert binary.status_code == 422 and "binary file" in binary.json()["detail"]
    no_file = client.post("/v1/imports", data={"profile": "auto"},
                          files={"other": ("x", b"1")})
    assert no_file.status_code == 422 and "'file'" in no_file.json()["detail"]
    not_multipart = client.post("/v1/imports", content=b"a,b\n1,2\n",
                                headers={"content-type": "text/csv"})
    assert not_multipart.status_code == 422
    assert client.get("/v1/imports/999").status_code == 404


def test_openapi_documents_the_upload(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    post = spec["paths"]["/v1/imports"]["post"]
    assert "multipart/form-data" in post["requestBody"]["content"]
    assert {"201", "413", "422"} <= set(post["responses"])
    assert "Preview" in spec["components"]["schemas"]


def test_app_opens_its_evidence_store_in_its_lifespan(
        store: GraphStore, evidence: EvidenceStore,  # noqa: F811
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Without a given evidence store, create_app opens one at startup (here from
    RAPPORT_PG_DSN) and closes it at shutdown."""
    from api.app import create_app
    from tests.evidence_fixtures import pg_dsn

    monkeypatch.setenv("RAPPORT_PG_DSN", pg_dsn())
    get_evidence_settings.cache_clear()
    try:
        app = create_app(store=store)
        with TestClient(app, headers=bearer(evidence, "admin")) as c:
            opened = app.state.evidence
            assert opened is not None and opened is not evidence
            assert c.get("/v1/imports/1").status_code == 404
        assert opened.closed and app.state.evidence is None
    finally:
        get_evidence_settings.cache_clear()


def test_approve_in_the_background_reports_progress(client: TestClient,
                                                    store: GraphStore) -> None:
    staged = client.post("/v1/imports", files={"file": ("hubspot_contacts.csv",
                                                        fixture_bytes("hubspot_contacts.csv"),
                                                        "text/csv")})
    batch = staged.json()["batch_id"]
    assert staged.json()["progress"] is None
    started = client.post(f"/v1/imports/{batch}/approve", params={"background": "true"})
    assert started.status_code == 202, started.text
    assert started.json()["progress"]["phase"] == "commit"
    assert started.json()["progress"]["total"] == 4  # 5 rows, 1 rejected
    # The test client runs background tasks before it returns; a real client polls.
    done = client.get(f"/v1/imports/{batch}").json()
    assert done["status"] == "committed"
    assert (done["progress"]["done"], done["progress"]["total"]) == (4, 4)
    assert len(store.read_cypher("MATCH (c:Contact) RETURN c.id")) == 3
    again = client.post(f"/v1/imports/{batch}/approve", params={"background": "true"})
    assert again.status_code == 409 and "committed" in again.json()["detail"]

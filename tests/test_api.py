"""The HTTP API on a real store: health, stats, problem+json errors."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from graph.evidence import EvidenceStore
from graph.loader import BulkLoader
from graph.store import GraphStore, open_store
from tests.conftest import store_settings
from tests.evidence_fixtures import api_app, bearer, evidence, session_evidence  # noqa: F401
from tests.factories import small_graph


@pytest.fixture
def client(store: GraphStore, evidence: EvidenceStore) -> Iterator[TestClient]:  # noqa: F811
    with TestClient(api_app(store, evidence), headers=bearer(evidence, "viewer")) as c:
        yield c


def test_health(client: TestClient) -> None:
    response = client.get("/health")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


def test_stats_counts_what_was_loaded(client: TestClient, store: GraphStore) -> None:
    BulkLoader(store).load(*small_graph())
    body = client.get("/v1/stats").json()
    assert body["engine"] == store.dialect
    assert body["nodes"] == {"Account": 1, "Contact": 3, "Deal": 1, "Member": 2}
    assert body["relationships"]["KNOWS"] == 3


def test_unknown_route_is_problem_json(client: TestClient) -> None:
    response = client.get("/v1/nothing-here")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 404 and body["type"].endswith("/not-found")
    assert body["instance"] == "/v1/nothing-here"


def test_store_errors_map_to_their_status(tmp_path: Path,
                                          evidence: EvidenceStore) -> None:  # noqa: F811
    own_store = open_store(store_settings(tmp_path))
    with TestClient(api_app(own_store, evidence),
                    headers=bearer(evidence, "viewer")) as own_client:
        own_store.close()  # the engine goes away under a running app
        response = own_client.get("/v1/stats")
    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["type"].endswith("/graph-unavailable")


def test_openapi_lists_operations(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    ops = {op["operationId"] for path in spec["paths"].values() for op in path.values()}
    assert {"health", "get_stats"} <= ops


def test_the_encoder_is_loaded_at_startup_and_ready_says_so(
        store: GraphStore, evidence: EvidenceStore) -> None:  # noqa: F811
    import threading

    app = api_app(store, evidence, warm_encoder=True)
    with TestClient(app) as client:
        warming = [t for t in threading.enumerate() if t.name == "rapport-warm-encoder"]
        for thread in warming:
            thread.join()
        ready = client.get("/ready").json()
    assert ready["encoder"] == "ok" and ready["status"] == "ready"
    assert app.state.encoder is not None and app.state.encoder.dimension == 384

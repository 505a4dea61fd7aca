"""`/v1/search`, `/v1/evidence/search` and the property-matching routes over HTTP."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from embeddings import EvidenceIndex, Indexer, get_encoder, load_search_settings
from graph.evidence import EvidenceStore
from graph.store import GraphStore
from tests.evidence_fixtures import api_app, bearer, evidence, session_evidence  # noqa: F401
from tests.test_evidence_search import _graph
from tests.test_search import _flats_and_warehouses


@pytest.fixture
def client(store: GraphStore, evidence: EvidenceStore) -> Iterator[TestClient]:  # noqa: F811
    _flats_and_warehouses(store)
    _graph(store)
    settings = load_search_settings()
    Indexer(store, get_encoder(), settings, EvidenceIndex(evidence, get_encoder(),
                                                          settings)).index()
    # The whole API, auth included: a viewer key may search.
    with TestClient(api_app(store, evidence), headers=bearer(evidence, "viewer")) as c:
        yield c


def test_search_with_type_and_filters(client: TestClient) -> None:
    answer = client.get("/v1/search", params={"q": "sea view apartment", "type": "property",
                                              "city": "Porto", "k": 3})
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["query"]["filters"]["city"] == "Porto" and len(body["hits"]) == 3
    assert all(h["type"] == "property" and h["id"] >= "prop_101" for h in body["hits"])
    assert body["hits"][0]["why"]["filters"] == {"city": "Porto"}


def test_bad_search_requests_are_problems(client: TestClient) -> None:
    for params in ({"q": ""}, {"q": "x", "type": "planet"}, {"q": "x", "k": 0},
                   {"q": "x", "min_price": 5, "max_price": 1}):
        answer = client.get("/v1/search", params=params)
        assert answer.status_code == 422, params
        assert answer.headers["content-type"].startswith("application/problem+json")


def test_evidence_search(client: TestClient) -> None:
    answer = client.get("/v1/evidence/search", params={"q": "terrace and parking",
                                                       "kind": "NOTE", "k": 2})
    assert answer.status_code == 200, answer.text
    hits = answer.json()
    assert len(hits) == 2 and {h["kind"] for h in hits} == {"NOTE"}
    bad = client.get("/v1/evidence/search",
                     params={"q": "x", "since": "2026-02-01", "until": "2026-01-01"})
    assert bad.status_code == 422


def test_matching_routes(client: TestClient) -> None:
    clients = client.get("/v1/properties/prop_101/matching-clients")
    assert clients.status_code == 200 and clients.json()["matches"] == []
    missing = client.get("/v1/accounts/acc_404/matching-properties")
    assert missing.status_code == 404
    assert missing.headers["content-type"].startswith("application/problem+json")
    fits = client.get("/v1/contacts/ct_1/matching-properties", params={"k": 2})
    assert fits.status_code == 200, fits.text
    assert fits.json()["based_on"] == [] and len(fits.json()["matches"]) == 2

"""ask with the search issue's indexes: find-me questions go to the hybrid search, and
GraphRAG adds evidence chunks from pgvector to the graph facts, cited."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from embeddings import EvidenceIndex, HybridSearch, Indexer, get_search_settings
from graph.evidence.store import EvidenceStore
from graph.store import GraphStore
from intel.ask.models import AskRequest
from intel.ask.planner import Planner
from intel.ask.service import AskService
from intel.graphrag import GraphRAG
from intel.intros import get_intro_settings
from tests.ask_fixtures import TODAY, demo_store, planner  # noqa: F401
from tests.evidence_fixtures import session_evidence  # noqa: F401


def _empty_chunks(evidence: EvidenceStore) -> None:
    with evidence._tx() as cur:
        cur.execute("TRUNCATE evidence_chunk RESTART IDENTITY")


@pytest.fixture(scope="module")
def indexed(demo_store: GraphStore, planner: Planner,  # noqa: F811
            session_evidence: EvidenceStore) -> Iterator[tuple[AskService, GraphStore]]:  # noqa: F811
    _empty_chunks(session_evidence)
    encoder, settings = planner.classifier.encoder, get_search_settings()
    index = EvidenceIndex(session_evidence, encoder, settings)
    Indexer(demo_store, encoder, settings, index).index(full=True)
    service = AskService(demo_store, planner,
                         GraphRAG(demo_store, encoder, evidence=lambda: index),
                         get_intro_settings(), search=HybridSearch(demo_store, encoder, settings))
    yield service, demo_store
    _empty_chunks(session_evidence)


@pytest.mark.slow
def test_find_me_questions_go_to_the_hybrid_search(
        indexed: tuple[AskService, GraphStore]) -> None:
    service, store = indexed
    answer = service.ask(AskRequest(question="Search for contacts who mentioned a budget freeze",
                                    today=TODAY))
    assert answer.route == "search" and "hybrid search" in answer.reason
    ids = [r["id"] for r in answer.rows]
    assert ids and {r["type"] for r in answer.rows} == {"contact"}
    found = store.read_cypher("MATCH (c:Contact) WHERE c.id IN $ids RETURN count(c) AS n",
                              {"ids": ids})[0]["n"]
    assert found == len(ids) and [c.id for c in answer.citations] == ids


@pytest.mark.slow
def test_graphrag_cites_evidence_chunks_about_the_entity(
        indexed: tuple[AskService, GraphStore]) -> None:
    service, store = indexed
    account = store.read_cypher(
        "MATCH (a:Account)<-[:WORKS_AT]-(:Contact)-[:PARTICIPATED_IN]->(:Interaction) "
        "RETURN a.id AS id, a.name AS name, count(*) AS n ORDER BY n DESC, id LIMIT 1")[0]
    answer = service.ask(AskRequest(question=f"What do we know about {account['name']}?",
                                    today=TODAY))
    evidence = [c for c in answer.citations if c.kind == "evidence"]
    assert answer.route == "graphrag" and evidence
    theirs = {r["id"] for r in store.read_cypher(
        "MATCH (:Account {id: $id})<-[:WORKS_AT]-(:Contact)-[:PARTICIPATED_IN]->(i) "
        "RETURN DISTINCT i.id AS id", {"id": account["id"]})}
    assert {c.id for c in evidence} <= theirs


@pytest.mark.slow
def test_a_misspelt_name_is_linked_through_the_search_index(
        indexed: tuple[AskService, GraphStore]) -> None:
    service, store = indexed
    account = store.read_cypher(
        "MATCH (a:Account)<-[:WORKS_AT {current: true}]-(:Contact) "
        "RETURN a.id AS id, a.name AS name ORDER BY a.id LIMIT 1")[0]
    misspelt = account["name"][:-1]  # "Solaris Capita"
    answer = service.ask(AskRequest(question=f"Who works at {misspelt}?", today=TODAY))
    expected = {r["id"] for r in store.read_cypher(
        "MATCH (c:Contact)-[w:WORKS_AT]->(:Account {id: $id}) WHERE w.current "
        "RETURN c.id AS id", {"id": account["id"]})}
    assert answer.intent == "works_at" and "linked through the search index" in answer.reason
    assert {r["id"] for r in answer.rows} == expected

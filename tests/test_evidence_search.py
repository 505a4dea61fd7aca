"""Evidence chunks in pgvector: indexed from the graph's interactions, searched with filters
on kind, time range and mentioned entities (inside the SQL), re-embedded only when changed."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from embeddings import (
    EvidenceFilters,
    EvidenceIndex,
    Indexer,
    get_encoder,
    load_search_settings,
)
from graph.evidence import EvidenceStore
from graph.loader import BulkLoader
from graph.model import Interaction, InteractionKind, ParticipantRole, ParticipatedIn, WorksAt
from graph.store import GraphStore
from tests.conftest import T0
from tests.evidence_fixtures import evidence, session_evidence  # noqa: F401
from tests.factories import account, contact, member
from tests.test_search import CountingEncoder


def talk(i: int, kind: str, subject: str, summary: str, days: int = 0) -> Interaction:
    return Interaction(id=f"int_{i:03d}", created_at=T0, updated_at=T0,
                       kind=InteractionKind(kind), at=T0 + timedelta(days=days),
                       subject=subject, summary=summary)


def _graph(store: GraphStore) -> list[Interaction]:
    """30 e-mails about a terrace and parking with ct_1 (of acc_1), 3 notes on ct_2."""
    m, c1, c2, acc = member(1), contact(1), contact(2), account(1)
    emails = [talk(i, "EMAIL", f"Viewing follow-up {i}",
                   f"Client {i} loved the terrace but worried about parking.", days=i)
              for i in range(1, 31)]
    notes = [talk(100 + i, "NOTE", "Budget", f"Budget freeze until next quarter, item {i}.",
                  days=40 + i) for i in range(1, 4)]
    roles = [ParticipatedIn(src=m.ref, dst=t.ref, role=ParticipantRole.FROM)
             for t in emails + notes]
    roles += [ParticipatedIn(src=c1.ref, dst=t.ref, role=ParticipantRole.TO) for t in emails]
    roles += [ParticipatedIn(src=c2.ref, dst=t.ref, role=ParticipantRole.TO) for t in notes]
    BulkLoader(store).load(
        {"Member": [m], "Contact": [c1, c2], "Account": [acc], "Interaction": emails + notes},
        {"PARTICIPATED_IN": roles, "WORKS_AT": [WorksAt(src=c1.ref, dst=acc.ref)]})
    return emails + notes


def _index(store: GraphStore, evidence: EvidenceStore,  # noqa: F811
           encoder: Any = None) -> Any:
    encoder = encoder or get_encoder()
    settings = load_search_settings()
    chunks = EvidenceIndex(evidence, encoder, settings)
    return Indexer(store, encoder, settings, chunks).index(), chunks


def test_chunks_carry_kind_time_and_the_nodes_they_mention(
        store: GraphStore, evidence: EvidenceStore) -> None:  # noqa: F811
    _graph(store)
    report, chunks = _index(store, evidence)
    assert report.chunks_seen == report.chunks_embedded == 33 == chunks.count()
    hit = chunks.search("terrace and parking worries", k=1)[0]
    assert hit.kind == "EMAIL" and hit.source_id.startswith("int_0")
    assert set(hit.entity_ids) == {"mem_1", "ct_1", "acc_1"}
    assert hit.at is not None and hit.similarity > 0.4 and "terrace" in hit.text
    with evidence.transaction() as cur:
        cur.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'evidence_chunk'")
        assert "evidence_chunk_hnsw" in {r["indexname"] for r in cur.fetchall()}


def test_filters_are_applied_inside_the_search(store: GraphStore,
                                               evidence: EvidenceStore) -> None:  # noqa: F811
    _graph(store)
    _, chunks = _index(store, evidence)
    query = "client loved the terrace, parking is a worry"
    assert {h.kind for h in chunks.search(query, k=5)} == {"EMAIL"}
    notes = chunks.search(query, k=3, filters=EvidenceFilters(kinds=("note",)))
    assert len(notes) == 3 and {h.kind for h in notes} == {"NOTE"}
    of_ct2 = chunks.search(query, k=5, filters=EvidenceFilters(entity_ids=("ct_2",)))
    assert len(of_ct2) == 3 and all("ct_2" in h.entity_ids for h in of_ct2)
    window = EvidenceFilters(since=T0 + timedelta(days=10), until=T0 + timedelta(days=13))
    dated = chunks.search(query, k=10, filters=window)
    assert sorted(h.source_id for h in dated) == ["int_010", "int_011", "int_012"]
    by_account = chunks.search("budget freeze", k=2, filters=EvidenceFilters(
        entity_ids=("acc_1",), kinds=("EMAIL",)))
    assert len(by_account) == 2 and all("acc_1" in h.entity_ids for h in by_account)


def test_reindex_embeds_only_changed_evidence(store: GraphStore,
                                              evidence: EvidenceStore) -> None:  # noqa: F811
    talks = _graph(store)
    _index(store, evidence)
    counting = CountingEncoder()
    again, _ = _index(store, evidence, counting)
    assert again.chunks_embedded == 0 and counting.texts == []
    edited = talks[4].model_copy(update={"summary": "Signed the lease for the warehouse."})
    BulkLoader(store).load_nodes("Interaction", [edited])
    report, chunks = _index(store, evidence, counting)
    assert report.chunks_embedded == 1 and report.entities_embedded == 0
    # Only that chunk's sentences were encoded.
    assert counting.texts == ["Viewing follow-up 5.", "Signed the lease for the warehouse."]
    assert chunks.search("lease signed for a warehouse", k=1)[0].source_id == edited.id


def test_full_reindex_drops_chunks_of_deleted_interactions(
        store: GraphStore, evidence: EvidenceStore) -> None:  # noqa: F811
    _graph(store)
    _, chunks = _index(store, evidence)
    store.write_rows("imports/delete/interaction", [{"id": "int_101"}])
    settings = load_search_settings()
    report = Indexer(store, get_encoder(), settings, chunks).index(full=True)
    assert report.chunks_seen == 32 == chunks.count()
    assert all(h.source_id != "int_101" for h in chunks.search("budget freeze", k=5))

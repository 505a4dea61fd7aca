"""Entity vectors in the engine's index, incremental re-indexing, hybrid search with filters
applied inside the search. Real engine, real offline model."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest

from embeddings import (
    Encoder,
    HybridSearch,
    Indexer,
    SearchFilters,
    SearchQuery,
    get_encoder,
    load_search_settings,
)
from graph.loader import BulkLoader
from graph.model import (
    Account,
    Contact,
    Knows,
    KnowsOrigin,
    Member,
    Property,
    PropertyType,
    WorksAt,
)
from graph.store import GraphStore
from tests.conftest import T0
from tests.factories import account, contact, deal, member


class CountingEncoder(Encoder):
    """The real encoder, remembering which texts it was asked to encode."""

    def __init__(self) -> None:
        self.inner = get_encoder()
        self.model_name = self.inner.model_name
        self.dimension = self.inner.dimension
        self.texts: list[str] = []

    def _encode(self, texts: list[str], batch_size: int | None) -> Any:
        self.texts += texts
        return self.inner.encode(texts, batch_size)


def prop(i: int, title: str, city: str, price: float, ptype: str = "APARTMENT",
         features: Sequence[str] = ()) -> Property:
    return Property(id=f"prop_{i}", created_at=T0, updated_at=T0, title=title,
                    type=PropertyType(ptype), city=city, price=price, features=list(features),
                    description=title)


def index(store: GraphStore, encoder: Encoder | None = None, **settings: Any) -> Any:
    return Indexer(store, encoder or get_encoder(), load_search_settings(**settings)).index()


def searcher(store: GraphStore, **settings: Any) -> HybridSearch:
    return HybridSearch(store, get_encoder(), load_search_settings(**settings))


def test_index_writes_vector_text_hash_model_and_time(store: GraphStore) -> None:
    acc = account(1)
    c = contact(1, title="Chief Financial Officer", department="Finance")
    BulkLoader(store).load({"Account": [acc], "Contact": [c], "Deal": [deal(1)]},
                           {"WORKS_AT": [WorksAt(src=c.ref, dst=acc.ref)]})
    report = index(store)
    assert report.entities_seen == report.entities_embedded == 3
    assert report.by_type == {"contact": 1, "account": 1, "property": 0, "deal": 1}
    row = store.read_cypher(
        "MATCH (n:Contact {id: 'ct_1'}) RETURN n.embedding_text AS text, "
        "n.embedding_hash AS hash, n.embedding_model AS model, n.last_indexed AS at, "
        "n.embedding AS embedding")[0]
    assert "Chief Financial Officer" in row["text"] and "works at Globex 1" in row["text"]
    assert row["model"] == get_encoder().model_name and len(row["hash"]) == 32
    assert row["at"] is not None and len(row["embedding"]) == get_encoder().dimension


def test_reindex_after_an_edit_embeds_only_that_node(store: GraphStore) -> None:
    people = [contact(i, title="Head of Operations") for i in range(1, 6)]
    BulkLoader(store).load({"Contact": people, "Account": [account(1)]}, {})
    index(store)
    counting = CountingEncoder()
    assert index(store, counting).entities_embedded == 0 and counting.texts == []
    edited = people[2].model_copy(update={"title": "Chief Revenue Officer"})
    BulkLoader(store).load_nodes("Contact", [edited])
    report = index(store, counting)
    assert report.entities_embedded == 1 and report.by_type["contact"] == 1
    assert len(counting.texts) == 1 and "Chief Revenue Officer" in counting.texts[0]
    hits = searcher(store).search(SearchQuery(text="chief revenue officer", k=1,
                                              types=("contact",), mode="vector")).hits
    assert hits[0].id == edited.id


def _flats_and_warehouses(store: GraphStore) -> None:
    """Lisbon sea-view flats (close to the query) and Porto warehouses (far from it)."""
    flats = [prop(i, f"Sea view apartment with balcony {i}", "Lisbon", 400_000 + i,
                  features=("sea view", "balcony")) for i in range(1, 21)]
    sheds = [prop(100 + i, f"Logistics warehouse unit {i}", "Porto", 900_000 + i, "WAREHOUSE",
                  ("loading dock",)) for i in range(1, 5)]
    BulkLoader(store).load({"Property": flats + sheds}, {})


@pytest.mark.parametrize("exact_max", [0, 5000], ids=["approximate", "exact"])
def test_filters_are_applied_inside_the_search(store: GraphStore, exact_max: int) -> None:
    _flats_and_warehouses(store)
    index(store)
    search = searcher(store, exact_max=exact_max)
    text = "apartment with a sea view and a balcony"
    unfiltered = search.search(SearchQuery(text=text, k=4, mode="vector")).hits
    assert all(h.id.startswith("prop_") and int(h.id[5:]) < 100 for h in unfiltered)
    filtered = search.search(SearchQuery(text=text, k=4, mode="vector",
                                         filters=SearchFilters(city="porto"))).hits
    assert sorted(h.id for h in filtered) == ["prop_101", "prop_102", "prop_103", "prop_104"]
    assert {h.why.strategy for h in filtered} == {"approximate" if exact_max == 0 else "exact"}
    assert all(h.why.filters == {"city": "porto"} for h in filtered)


def test_a_filter_that_does_not_apply_leaves_the_type_out(store: GraphStore) -> None:
    _flats_and_warehouses(store)
    BulkLoader(store).load({"Contact": [contact(1, title="Property investor")]}, {})
    index(store)
    hits = searcher(store).search(SearchQuery(
        text="investor", k=10, filters=SearchFilters(max_price=450_000))).hits
    assert hits and {h.type for h in hits} == {"property"}
    assert all(int(h.id[5:]) < 100 for h in hits)


def test_people_we_know_and_strength_filters(store: GraphStore) -> None:
    m = member(1)
    known, stranger = contact(1, title="CFO"), contact(2, title="CFO")
    BulkLoader(store).load(
        {"Member": [m], "Contact": [known, stranger]},
        {"KNOWS": [Knows(src=m.ref, dst=known.ref, strength=80.0,
                         origins=[KnowsOrigin.MANUAL])]})
    index(store)
    search = searcher(store)
    for filters in (SearchFilters(known=True), SearchFilters(min_strength=75)):
        hits = search.search(SearchQuery(text="CFO", types=("contact",), filters=filters)).hits
        assert [h.id for h in hits] == ["ct_1"]
    assert search.search(SearchQuery(text="CFO", types=("contact",),
                                     filters=SearchFilters(min_strength=90))).hits == ()


def _namesakes(store: GraphStore) -> list[Contact]:
    """Two people with full records, each among near-namesakes with sparse records, which
    sit closer to the bare name in vector space."""
    acc = Account(id="acc_hanse", created_at=T0, updated_at=T0, name="Hanseatic Shipping",
                  industry="Logistics", city="Hamburg")
    full = {"title": "Senior Vice President, Corporate Real Estate Strategy",
            "department": "Strategy", "city": "Hamburg", "country": "Germany"}
    targets = [contact(1, name="Jürgen Bakker", **full),
               contact(2, name="Ingrid Lindqvist", **full)]
    decoys = [contact(10 + i, name=n, title="Analyst", city=None) for i, n in enumerate((
        "Jurgen Bakker", "Juergen Bakker", "Jorgen Bakker", "Ingrid Lundqvist",
        "Ingrid Lindquist", "Inger Lindqvist"))]
    BulkLoader(store).load({"Account": [acc], "Contact": targets + decoys},
                           {"WORKS_AT": [WorksAt(src=p.ref, dst=acc.ref) for p in targets]})
    return targets


def test_hybrid_beats_vector_only_on_an_exact_name(store: GraphStore) -> None:
    targets = _namesakes(store)
    index(store)
    search = searcher(store)
    ranks: dict[str, list[int]] = {"vector": [], "hybrid": []}
    for person in targets:
        for mode, found in ranks.items():
            hits = search.search(SearchQuery(text=person.name, k=8, types=("contact",),
                                             mode=mode)).hits  # type: ignore[arg-type]
            found.append([h.id for h in hits].index(person.id) + 1)
    assert ranks["hybrid"] == [1, 1]
    assert all(r > 1 for r in ranks["vector"]), ranks
    best = search.search(SearchQuery(text="Ingrid Lindqvist", types=("contact",))).hits[0]
    assert best.id == "ct_2" and set(best.why.matched_terms) == {"ingrid", "lindqvist"}
    assert best.why.all_terms and best.why.text_rank == 1 and best.why.vector_rank != 1


def test_every_hit_says_why_it_matched(store: GraphStore) -> None:
    _flats_and_warehouses(store)
    index(store)
    hits = searcher(store).search(SearchQuery(text="warehouse with loading dock", k=3)).hits
    top = hits[0]
    assert top.type == "property" and top.id.startswith("prop_10")
    assert top.why.vector_similarity is not None and top.why.vector_similarity > 0.3
    assert {"warehouse", "loading", "dock"} <= set(top.why.matched_terms)
    assert top.score > 0 and top.text and "warehouse" in top.text.lower()


def test_search_rejects_bad_queries() -> None:
    with pytest.raises(ValueError, match="text"):
        SearchQuery(text="   ")
    with pytest.raises(ValueError, match="min_price"):
        SearchFilters(min_price=10, max_price=5)
    with pytest.raises(ValueError, match="types"):
        SearchQuery(text="x", types=("planet",))  # type: ignore[arg-type]


def test_members_are_not_searchable_entities(store: GraphStore) -> None:
    BulkLoader(store).load({"Member": [Member(id="mem_9", created_at=T0, updated_at=T0,
                                              name="Ingrid Lindqvist",
                                              email="ingrid@rapport.dev")]}, {})
    report = index(store)
    assert report.entities_seen == 0
    assert searcher(store).search(SearchQuery(text="Ingrid Lindqvist")).hits == ()


def test_search_before_anything_is_indexed_finds_nothing(store: GraphStore) -> None:
    BulkLoader(store).load({"Contact": [contact(1)]}, {})
    assert searcher(store).search(SearchQuery(text="Ana Silva")).hits == ()

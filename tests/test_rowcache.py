"""The read cache is exact: it answers repeats from memory only while nothing has written
the graph, whoever wrote it. On an engine with no write mark (Neo4j) it caches nothing."""

from __future__ import annotations

from operator import itemgetter

import pytest
import redis

from graph.loader import BulkLoader
from graph.model import Contact, Knows, Member
from graph.store import GraphStore, Row
from graph.store.rowcache import RowCache
from intel.intros import IntroFinder, IntroRequest, IntroSettings
from tests.conftest import T0


def _member(node: str) -> Member:
    return Member(id=node, created_at=T0, updated_at=T0, name=f"Member {node}",
                  email=f"{node}@team.example")


def _contact(node: str) -> Contact:
    return Contact(id=node, created_at=T0, updated_at=T0, name=f"Person {node}")


def _load(store: GraphStore, contacts: list[str], edges: list[tuple[Member | Contact, Contact,
                                                                   float]]) -> None:
    members = {a.id: a for a, _, _ in edges if isinstance(a, Member)}
    BulkLoader(store).load({"Member": list(members.values()),
                            "Contact": [_contact(c) for c in contacts]},
                           {"KNOWS": [Knows(src=a.ref, dst=b.ref, strength=s)
                                      for a, b, s in edges]})


class CountingFetch:
    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self.asked: list[list[str]] = []

    def __call__(self, ids: list[str]) -> list[Row]:
        self.asked.append(ids)
        return self.store.read("intros/node_facts", {"ids": ids})


def _names(store: GraphStore, fetch: CountingFetch, ids: list[str]) -> list[str]:
    rows = store.cached_reads().keyed("node_facts", ids, fetch, itemgetter("id"))
    return [r["name"] for r in rows]


def test_repeats_come_from_memory_and_a_write_is_seen(store: GraphStore) -> None:
    _load(store, ["ct_a", "ct_b"], [])
    fetch = CountingFetch(store)
    assert _names(store, fetch, ["ct_a", "ct_b", "ct_a"]) == ["Person ct_a", "Person ct_b"]
    assert _names(store, fetch, ["ct_b", "ct_zz"]) == ["Person ct_b"]
    caching = store.write_mark() is not None
    # Cached: only the key never asked before (a missing node is remembered as missing).
    assert fetch.asked[1:] == ([["ct_zz"]] if caching else [["ct_b", "ct_zz"]])
    _load(store, ["ct_zz"], [])
    assert _names(store, fetch, ["ct_zz"]) == ["Person ct_zz"]
    assert fetch.asked[-1] == ["ct_zz"]


def test_a_write_by_another_client_is_seen(store: GraphStore) -> None:
    if store.dialect != "falkordb":
        pytest.skip("the write mark is FalkorDB's; elsewhere nothing is cached (test above)")
    _load(store, ["ct_a"], [])
    fetch = CountingFetch(store)
    assert _names(store, fetch, ["ct_a"]) == ["Person ct_a"]
    kwargs = store._db.connection.connection_pool.connection_kwargs  # type: ignore[attr-defined]
    other = redis.Redis(host=kwargs.get("host", "localhost"), port=kwargs.get("port", 6379),
                        unix_socket_path=kwargs.get("path"), password=kwargs.get("password"))
    graph = store.graph_name  # type: ignore[attr-defined]
    other.execute_command("GRAPH.QUERY", graph,  # type: ignore[no-untyped-call]
                          "MATCH (c:Contact {id: 'ct_a'}) SET c.name = 'Renamed'")
    other.close()
    assert _names(store, fetch, ["ct_a"]) == ["Renamed"]
    assert len(fetch.asked) == 2


def test_rows_read_before_a_write_are_not_kept(store: GraphStore) -> None:
    _load(store, ["ct_a"], [])
    before = store.cached_reads()  # opened, then the graph changes before it fetches
    _load(store, ["ct_b"], [])
    after = store.cached_reads()
    stale = CountingFetch(store)
    before.keyed("node_facts", ["ct_a"], lambda ids: [{"id": "ct_a", "name": "old"}],
                 itemgetter("id"))
    rows = after.keyed("node_facts", ["ct_a"], stale, itemgetter("id"))
    assert [r["name"] for r in rows] == ["Person ct_a"] and stale.asked == [["ct_a"]]


def test_the_cache_is_bounded() -> None:
    cache = RowCache(max_rows=10)
    from graph.store.base import WriteMark

    reads = cache.session(WriteMark("run", 1))
    for i in range(30):
        reads.keyed("q", [i], lambda keys: [{"k": keys[0]}], itemgetter("k"))
    assert cache._size <= 10


def test_intros_see_a_new_relationship_at_once(store: GraphStore) -> None:
    maya = _member("mem_maya")
    _load(store, ["ct_x", "ct_t"], [(maya, _contact("ct_x"), 90.0)])
    _load(store, [], [(_contact("ct_x"), _contact("ct_t"), 80.0)])
    finder = IntroFinder(store, IntroSettings())
    first = finder.find(IntroRequest(to="ct_t", from_member="mem_maya"))
    assert [p.hops for p in first.paths] == [2]
    _load(store, [], [(maya, _contact("ct_t"), 95.0)])
    again = finder.find(IntroRequest(to="ct_t", from_member="mem_maya"))
    assert [p.hops for p in again.paths] == [1, 2]

"""The graph store port on the configured engine: types, read-only path, errors, timeouts."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest

from graph.catalog import Catalog
from graph.errors import (
    ConstraintViolation,
    QueryNotFound,
    QuerySyntaxError,
    QueryTimeout,
    ReadOnlyViolation,
)
from graph.loader import BulkLoader
from graph.store import GraphStore, to_param
from tests.factories import small_graph

# A 3000^3 cartesian product: minutes of work, so only the timeout can end it quickly.
HEAVY = "MATCH (a:Contact), (b:Contact), (c:Contact) RETURN count(*) AS n"


def test_round_trip_returns_plain_python_values(store: GraphStore) -> None:
    rows = store.read_cypher(
        "RETURN date($d) AS d, localdatetime($t) AS t, $s AS s, $xs AS xs, $f AS f, $b AS b",
        {"d": date(2026, 2, 28), "t": datetime(2026, 2, 28, 13, 5, 7, tzinfo=UTC),
         "s": "Zoë \"quoted\" O'Neil \\ back", "xs": [1, 2, 3], "f": 1.5, "b": True},
    )
    assert rows == [{"d": date(2026, 2, 28), "t": datetime(2026, 2, 28, 13, 5, 7, tzinfo=UTC),
                     "s": "Zoë \"quoted\" O'Neil \\ back", "xs": [1, 2, 3], "f": 1.5, "b": True}]


def test_nodes_and_relationships_come_back_as_property_dicts(store: GraphStore) -> None:
    nodes, edges = small_graph()
    BulkLoader(store).load(nodes, edges)
    rows = store.read_cypher(
        "MATCH (m:Member {id: $id})-[k:KNOWS]->(c:Contact) RETURN m, k, c", {"id": "mem_1"})
    assert len(rows) == 1
    assert rows[0]["m"]["email"] == "maya1@rapport.dev"
    assert rows[0]["k"]["interaction_count"] == 4
    assert rows[0]["c"]["created_at"] == datetime(2026, 1, 1, 9, 30, tzinfo=UTC)


def test_read_only_path_refuses_writes_and_deletes_nothing(store: GraphStore) -> None:
    nodes, edges = small_graph()
    BulkLoader(store).load(nodes, edges)
    before = store.read_cypher("MATCH (n) RETURN count(n) AS n")
    with pytest.raises(ReadOnlyViolation):
        store.read_cypher("MATCH (n) DETACH DELETE n")
    with pytest.raises(ReadOnlyViolation):
        store.read_cypher("CREATE (:Contact {id: 'evil'})")
    assert store.read_cypher("MATCH (n) RETURN count(n) AS n") == before


def test_named_write_query_is_refused_on_the_read_method(store: GraphStore) -> None:
    with pytest.raises(ReadOnlyViolation, match="not a read"):
        store.read("admin/delete_batch", {"batch": 10})


def test_syntax_error_is_wrapped(store: GraphStore) -> None:
    with pytest.raises(QuerySyntaxError) as info:
        store.read_cypher("MATC (n) RETURN n")
    assert isinstance(info.value.__cause__, Exception)


def test_duplicate_id_violates_the_unique_constraint(test_queries: GraphStore) -> None:
    store = test_queries
    store.write("create_contact", {"id": "ct_dup", "name": "A"})
    with pytest.raises(ConstraintViolation):
        store.write("create_contact", {"id": "ct_dup", "name": "B"})
    assert store.read_cypher("MATCH (c:Contact {id: 'ct_dup'}) RETURN c.name AS name") == [
        {"name": "A"}]


@pytest.fixture
def test_queries(store: GraphStore) -> Iterator[GraphStore]:
    """The store with the test-only catalog under tests/cypher."""
    shipped, store.catalog = store.catalog, Catalog(store.dialect, package="tests.cypher")
    yield store
    store.catalog = shipped


def test_timeout_is_wrapped(test_queries: GraphStore) -> None:
    test_queries.write("create_many", {"n": 3000})
    with pytest.raises(QueryTimeout):
        test_queries.read_cypher(HEAVY, timeout_s=0.05)


def test_unknown_named_query(store: GraphStore) -> None:
    with pytest.raises(QueryNotFound, match="no/such"):
        store.read("no/such")


def test_to_param_sends_temporal_values_as_naive_utc_text() -> None:
    aware = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    assert to_param({"t": aware, "d": date(2026, 3, 1), "xs": (aware,)}) == {
        "t": "2026-03-01T12:00:00", "d": "2026-03-01", "xs": ["2026-03-01T12:00:00"]}


def test_ping(store: GraphStore) -> None:
    store.ping()

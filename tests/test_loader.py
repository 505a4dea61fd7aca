"""Bulk load: counts, idempotent reload, missing endpoints reported, wrong records refused."""

from __future__ import annotations

from typing import Any

import pytest

from graph.errors import InvalidInput
from graph.loader import BulkLoader
from graph.model import Knows, NodeRef
from graph.stats import graph_stats, is_empty
from graph.store import GraphStore
from tests.factories import contact, member, small_graph


def snapshot(store: GraphStore) -> dict[str, Any]:
    """Every node and relationship with all its properties, in a stable order."""
    nodes = store.read_cypher("MATCH (n) RETURN labels(n) AS l, properties(n) AS p")
    rels = store.read_cypher(
        "MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, b.id AS b, properties(r) AS p")
    return {"nodes": sorted(map(repr, nodes)), "rels": sorted(map(repr, rels))}


def test_load_counts_and_stats(store: GraphStore) -> None:
    assert is_empty(store)
    nodes, edges = small_graph()
    report = BulkLoader(store, batch_size=2).load(nodes, edges)
    assert report.nodes == {"Member": 2, "Account": 1, "Contact": 3, "Deal": 1}
    assert report.edges == {"WORKS_AT": 3, "KNOWS": 3, "HAS_DEAL": 1}
    assert not report.skipped_edges
    stats = graph_stats(store)
    assert stats.nodes == {"Account": 1, "Contact": 3, "Deal": 1, "Member": 2}
    assert stats.relationships == {"HAS_DEAL": 1, "KNOWS": 3, "WORKS_AT": 3}
    assert not is_empty(store)


def test_reloading_the_same_records_changes_nothing(store: GraphStore) -> None:
    nodes, edges = small_graph()
    BulkLoader(store).load(nodes, edges)
    before = snapshot(store)
    BulkLoader(store, batch_size=1).load(nodes, edges)
    assert snapshot(store) == before


def test_update_changes_only_the_new_values(store: GraphStore) -> None:
    loader = BulkLoader(store)
    loader.load_nodes("Contact", [contact(1)])
    loader.load_nodes("Contact", [contact(1, title="CFO", city=None)])
    rows = store.read_cypher("MATCH (c:Contact {id: 'ct_1'}) RETURN c")
    assert rows[0]["c"]["title"] == "CFO"
    assert "city" not in rows[0]["c"]  # a cleared field is removed, not left stale


def test_missing_endpoints_are_reported_not_invented(store: GraphStore) -> None:
    loader = BulkLoader(store)
    loader.load_nodes("Member", [member(1)])
    ghost = Knows(src=member(1).ref, dst=NodeRef(label="Contact", id="ct_ghost"))
    loaded, skipped = loader.load_edges("KNOWS", [ghost])
    assert (loaded, skipped) == (0, 1)
    assert store.read_cypher("MATCH (c:Contact) RETURN count(c) AS n") == [{"n": 0}]


def test_records_of_another_label_or_type_are_refused(store: GraphStore) -> None:
    with pytest.raises(InvalidInput, match="not a Contact"):
        BulkLoader(store).load_nodes("Contact", [member(1)])
    with pytest.raises(InvalidInput, match="not a WORKS_AT"):
        BulkLoader(store).load_edges(
            "WORKS_AT", [Knows(src=member(1).ref, dst=contact(1).ref)])

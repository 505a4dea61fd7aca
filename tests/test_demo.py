"""The seeded demo loaded into the engine: exactly the generated graph, integrity holds in
the graph itself, and reloading changes nothing. Run on Neo4j too (NEO4J_URI), this shows
that the same seed gives the same graph on both engines."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from graph.demo import parse_scale, seed_demo, truth_path
from graph.errors import InvalidInput
from graph.rows import node_row
from graph.store import GraphStore, to_param
from graph.synth import GroundTruth, SynthConfig, generate

AS_OF = date(2026, 11, 1)
CLIENTS = 12


@pytest.fixture
def seeded(store: GraphStore, tmp_path: Path) -> tuple[GraphStore, GroundTruth]:
    report = seed_demo(store, data_dir=tmp_path / "data", seed=5, as_of=AS_OF, clients=CLIENTS)
    assert not report.load.skipped_edges
    assert report.truth_path == truth_path(tmp_path / "data", 5)
    return store, GroundTruth.read(report.truth_path)


def _stored_nodes(store: GraphStore, label: str) -> dict[str, dict[str, Any]]:
    rows = store.read_cypher(f"MATCH (n:{label}) RETURN properties(n) AS p")
    return {r["p"]["id"]: to_param(r["p"]) for r in rows}


def test_engine_holds_exactly_the_generated_nodes(
        seeded: tuple[GraphStore, GroundTruth]) -> None:
    store, _ = seeded
    dataset = generate(SynthConfig(seed=5, clients=CLIENTS, as_of=AS_OF))
    for label, nodes in dataset.nodes.items():
        stored = _stored_nodes(store, label)
        assert len(stored) == len(nodes), label
        for node in nodes[:: max(1, len(nodes) // 50)]:
            row = to_param(node_row(node))
            expected = {"id": row["id"], **{k: v for k, v in row["props"].items()
                                            if v is not None},
                        **{k: v for k, v in row.items()
                           if k not in ("id", "props") and v is not None}}
            assert stored[node.id] == expected, node.id


def test_every_deal_has_exactly_one_account(seeded: tuple[GraphStore, GroundTruth]) -> None:
    store, _ = seeded
    rows = store.read_cypher(
        "MATCH (d:Deal) OPTIONAL MATCH (a:Account)-[:HAS_DEAL]->(d) "
        "WITH d, count(a) AS accounts WHERE accounts <> 1 RETURN d.id AS id")
    assert rows == []


def test_stakeholders_work_at_the_deal_account_or_truth_says_why(
        seeded: tuple[GraphStore, GroundTruth]) -> None:
    store, truth = seeded
    rows = store.read_cypher(
        "MATCH (c:Contact)-[:STAKEHOLDER_IN]->(d:Deal)<-[:HAS_DEAL]-(a:Account) "
        "OPTIONAL MATCH (c)-[w:WORKS_AT {current: true}]->(a) "
        "WITH c, d, count(w) AS works WHERE works = 0 RETURN c.id AS contact, d.id AS deal")
    excused = {(e.contact_id, e.deal_id) for e in truth.stakeholder_exceptions}
    outsiders = {(r["contact"], r["deal"]) for r in rows}
    assert outsiders <= excused
    assert all(e.reason for e in truth.stakeholder_exceptions)


def test_truth_stays_out_of_the_graph(seeded: tuple[GraphStore, GroundTruth]) -> None:
    store, truth = seeded
    assert truth.tie_strength
    rows = store.read_cypher("MATCH ()-[k:KNOWS]->() WHERE k.strength IS NOT NULL "
                             "RETURN count(k) AS n")
    assert rows == [{"n": 0}]


def test_reseeding_changes_nothing(seeded: tuple[GraphStore, GroundTruth],
                                   tmp_path: Path) -> None:
    store, _ = seeded
    query = ("MATCH (n) OPTIONAL MATCH (n)-[r]->() "
             "RETURN count(DISTINCT n) AS nodes, count(r) AS rels")
    before = store.read_cypher(query)
    seed_demo(store, data_dir=tmp_path / "data", seed=5, as_of=AS_OF, clients=CLIENTS)
    assert store.read_cypher(query) == before


@pytest.mark.parametrize(("text", "value"), [("2500", 2500), ("100k", 100_000),
                                             ("1.5M", 1_500_000), (" 20K ", 20_000)])
def test_parse_scale(text: str, value: int) -> None:
    assert parse_scale(text) == value


@pytest.mark.parametrize("text", ["", "lots", "-5", "0", "1e5"])
def test_parse_scale_rejects(text: str) -> None:
    with pytest.raises(InvalidInput, match="--scale"):
        parse_scale(text)


def test_another_seed_is_refused_over_a_loaded_demo(
        seeded: tuple[GraphStore, GroundTruth]) -> None:
    from graph.demo import check_demo_seed

    store, _ = seeded
    check_demo_seed(store, 5)  # the same seed reloads (idempotent)
    with pytest.raises(InvalidInput, match="synth:seed=5"):
        check_demo_seed(store, 6)

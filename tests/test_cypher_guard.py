"""The text-to-Cypher guard on the engine: refusals, rewrites, schema checks, read-only run."""

from __future__ import annotations

import pytest

from graph.loader import BulkLoader
from graph.store import GraphStore
from intel.cypher_guard import CypherGuard, GuardRejected, model_schema
from tests.factories import small_graph


@pytest.fixture
def guard(store: GraphStore) -> CypherGuard:
    nodes, edges = small_graph()
    BulkLoader(store).load(nodes, edges)
    return CypherGuard(store, model_schema(), max_rows=50)


@pytest.mark.parametrize("text", [
    "MATCH (n) DETACH DELETE n",
    "MATCH (c:Contact) SET c.name = 'x' RETURN c",
    "CREATE (a:Account {id: 'x', name: 'x'})",
    "MERGE (a:Account {id: 'x'}) RETURN a",
    "MATCH (c:Contact) REMOVE c.email RETURN c",
    "MATCH (a:Account) RETURN a.name; MATCH (n) DELETE n",
    "MATCH (a:Account) \uff24\uff25\uff2c\uff25\uff34\uff25 a",       # full-width letters
    "MATCH (a:Account) DE\u200bLETE a",                              # zero-width space
    "MATCH (a:Account) /* harmless */ DETACH /* really */ DELETE a",
    "CALL apoc.periodic.iterate('MATCH (n) RETURN n', 'DELETE n', {})",
    "CALL dbms.security.createUser('x', 'y')",
    "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row",
    "MATCH (a:Account) FOREACH (x IN [1] | CREATE (:Contact {id: 'y'}))",
    "drop index on :Contact(id)",
])
def test_writes_are_refused_before_the_engine(guard: CypherGuard, store: GraphStore,
                                              text: str) -> None:
    before = store.read_cypher("MATCH (n) RETURN count(n) AS n")[0]["n"]
    with pytest.raises(GuardRejected) as caught:
        guard.run(text)
    assert caught.value.problem == "unsafe"
    assert store.read_cypher("MATCH (n) RETURN count(n) AS n")[0]["n"] == before


def test_keywords_inside_strings_and_property_names_are_values(guard: CypherGuard) -> None:
    checked, rows = guard.run(
        "MATCH (c:Contact)-[w:WORKS_AT]->(a:Account) WHERE w.start > date('2010-01-01') "
        "RETURN 'DELETE everything' AS note, c.id AS id ORDER BY id")
    assert checked.params == {"lit_0": "2010-01-01", "lit_1": "DELETE everything"}
    assert [r["id"] for r in rows] == ["ct_1", "ct_2", "ct_3"]
    assert {r["note"] for r in rows} == {"DELETE everything"}


def test_literals_become_parameters_and_limit_is_added_or_capped(guard: CypherGuard) -> None:
    checked, rows = guard.run("MATCH (a:Account) WHERE a.name = 'Globex 1' // a comment\n"
                              "RETURN a.id AS id")
    assert checked.text.endswith("LIMIT 50") and checked.limit_added
    assert "Globex" not in checked.text and "comment" not in checked.text
    assert rows == [{"id": "acc_1"}]
    capped = guard.check("MATCH (c:Contact)-[:KNOWS*1..2]-(o) RETURN o.id LIMIT 5000")
    assert "LIMIT 50" in capped.text and "*1..2" in capped.text and not capped.limit_added


@pytest.mark.parametrize(("text", "message"), [
    ("MATCH (a:Acount) RETURN a", "unknown label 'Acount'"),
    ("MATCH (a:Account) WHERE a.health > 3 RETURN a", "unknown property of Account 'health'"),
    ("MATCH (a:Account {revenue: 3}) RETURN a", "unknown property of Account 'revenue'"),
    ("MATCH (c:Contact)-[:EMPLOYED_BY]->(a:Account) RETURN c", "unknown relationship type"),
    ("MATCH (d:Deal)-[:HAS_DEAL]->(a:Account) RETURN d", "direction or endpoints wrong"),
    ("MATCH (a:Account)<-[:WORKS_AT]-(c:Contact)-[k:KNOWS]-(m:Member) WHERE k.weight > 1 "
     "RETURN c", "unknown property of KNOWS 'weight'"),
])
def test_schema_mistakes_are_named_for_repair(guard: CypherGuard, text: str,
                                              message: str) -> None:
    with pytest.raises(GuardRejected, match=message) as caught:
        guard.check(text)
    assert caught.value.problem == "schema"


def test_both_directions_of_an_undirected_pattern_pass(guard: CypherGuard) -> None:
    _, rows = guard.run("MATCH (a:Account)<-[:WORKS_AT]-(c:Contact)-[:KNOWS]-(m:Member) "
                        "RETURN DISTINCT m.id AS id")
    assert sorted(r["id"] for r in rows) == ["mem_1", "mem_2"]


def test_syntax_errors_come_from_the_engine_explain(guard: CypherGuard) -> None:
    with pytest.raises(GuardRejected, match="cannot plan") as caught:
        guard.run("MATCH (a:Account RETURN a")
    assert caught.value.problem == "syntax"
    with pytest.raises(GuardRejected, match="unterminated"):
        guard.check("MATCH (a:Account) WHERE a.name = 'open RETURN a")


def test_allowlisted_procedures_run(guard: CypherGuard) -> None:
    _, rows = guard.run("CALL db.labels() YIELD label RETURN label ORDER BY label")
    assert {"Account", "Contact", "Deal", "Member"} <= {r["label"] for r in rows}

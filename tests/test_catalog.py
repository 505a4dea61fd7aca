"""The cypher/ catalog: every named query loads and runs on the engine."""

from __future__ import annotations

import pytest

from embeddings import GraphVectorIndex, load_search_settings
from graph.catalog import Catalog, NamedQuery
from graph.errors import QueryNotFound
from graph.loader import edge_query, node_query
from graph.model import EDGE_MODELS, NODE_MODELS
from graph.model.base import temporal_kind
from graph.store import GraphStore

ALL_NAMES = sorted(set(Catalog("falkordb").names()) | set(Catalog("neo4j").names()))


def test_catalog_is_not_empty() -> None:
    assert len(ALL_NAMES) > 20
    assert "stats/label_counts" in ALL_NAMES


@pytest.mark.parametrize("name", ALL_NAMES)
def test_every_query_runs_on_the_engine(store: GraphStore, name: str) -> None:
    if name not in store.catalog.names():
        pytest.skip(f"{name} has only a variant for the other engine")
    query = store.catalog.get(name)
    if name.startswith("embeddings/") and query.mode == "read":  # they need the indexes
        GraphVectorIndex(store, load_search_settings()).ensure(dimension=3)
    if query.mode == "schema":
        store.apply_schema(name)
    elif query.mode == "write":
        store.write(name, query.example)
    else:
        store.read(name, query.example)


@pytest.mark.parametrize("dialect", ["falkordb", "neo4j"])
def test_dialect_variant_wins_over_portable(dialect: str) -> None:
    schema = Catalog(dialect).get("schema/constraints")
    assert schema.dialect == dialect
    assert Catalog(dialect).get("stats/label_counts").dialect is None


def test_header_parsing() -> None:
    query = Catalog("falkordb").get("admin/delete_batch")
    assert isinstance(query, NamedQuery)
    assert query.mode == "write" and query.example == {"batch": 1000}
    assert not query.text.startswith("//")


def test_schema_statements_are_split() -> None:
    statements = Catalog("neo4j").get("schema/constraints").statements
    assert len(statements) >= len(NODE_MODELS)
    assert all(s.startswith("CREATE ") and not s.endswith(";") for s in statements)


def test_unknown_query_and_unknown_dialect() -> None:
    with pytest.raises(QueryNotFound):
        Catalog("neo4j").get("nope/nothing")
    with pytest.raises(ValueError, match="dialect"):
        Catalog("sqlite")


def test_parameters_only_no_string_formatting_markers() -> None:
    for dialect in ("falkordb", "neo4j"):
        catalog = Catalog(dialect)
        for name in catalog.names():
            text = catalog.get(name).text
            assert "{}" not in text and "%s" not in text and "{0}" not in text, name


@pytest.mark.parametrize("model", NODE_MODELS, ids=lambda m: m.LABEL)
def test_node_load_query_sets_every_temporal_field(model: type) -> None:
    text = Catalog("falkordb").get(node_query(model.LABEL)).text
    for field, info in model.model_fields.items():
        kind = temporal_kind(info.annotation)
        if kind:
            fn = "date" if kind == "date" else "localdatetime"
            assert f"n.{field} = {fn}(row.{field})" in text, field


@pytest.mark.parametrize("model", EDGE_MODELS, ids=lambda m: m.TYPE)
def test_edge_load_query_exists_for_every_endpoint_pair(model: type) -> None:
    for src, dst in model.ENDPOINTS:
        text = Catalog("neo4j").get(edge_query(model.TYPE, src, dst)).text
        assert f"(a:{src} " in text and f"(b:{dst} " in text and f"[r:{model.TYPE}]" in text
        for field, info in model.model_fields.items():
            if temporal_kind(info.annotation):
                assert f"r.{field} = " in text, field

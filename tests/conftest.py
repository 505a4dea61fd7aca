"""Shared fixtures. Tests never mock the graph: they run on the embedded FalkorDB, or on
Neo4j when NEO4J_URI is set (NEO4J_USER / NEO4J_PASSWORD / NEO4J_DATABASE)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from graph.settings import Settings, load_settings
from graph.store import GraphStore, open_store

T0 = datetime(2026, 1, 1, 9, 30, tzinfo=UTC)


def store_settings(data_dir: Path) -> Settings:
    if os.environ.get("NEO4J_URI"):
        return load_settings(
            graph_uri=os.environ["NEO4J_URI"],
            graph_user=os.environ.get("NEO4J_USER", "neo4j"),
            graph_password=os.environ.get("NEO4J_PASSWORD", ""),
            graph_database=os.environ.get("NEO4J_DATABASE", "neo4j"),
        )
    return load_settings(data_dir=data_dir, graph_name="test")


@pytest.fixture(scope="session")
def session_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GraphStore]:
    store = open_store(store_settings(tmp_path_factory.mktemp("graph")))
    yield store
    store.close()


@pytest.fixture
def store(session_store: GraphStore) -> GraphStore:
    """The shared store, emptied (schema re-applied) before each test."""
    session_store.reset()
    return session_store


def pytest_configure(config: pytest.Config) -> None:
    """Under xdist each worker (and the `rapport` commands it runs) gets one math thread:
    with as many workers as cores, two torch threads per worker oversubscribe the cores and
    encoding slowed to 26 texts/s against 35 on one thread."""
    if os.environ.get("PYTEST_XDIST_WORKER"):
        os.environ.setdefault("OMP_NUM_THREADS", "1")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests marked `longest` first, the rest in file order. Under `make test`'s xdist
    options (whole files per worker, in this order: `--no-loadscope-reorder`) each of the
    README's two parts, minutes long as the first seeds and indexes the demo, starts at once
    on a worker of its own while the others share the rest (each worker is handed two files
    at the start, so only `longest` files go first: a slow file third would run after the
    longest one on its worker). The sort is stable and the same in every worker, as xdist
    requires."""
    items.sort(key=lambda item: item.get_closest_marker("longest") is None)

"""Fixtures for ask: a small seeded demo graph and a planner over it, built once per module.

Tests using them must not also use the per-test `store` fixture (it empties the graph).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from graph.demo import seed_demo
from graph.store import GraphStore
from intel.ask.planner import Planner
from intel.ask.service import AskService
from intel.ask.settings import load_ask_settings
from intel.graphrag import GraphRAG
from intel.intros import get_intro_settings

TODAY = date(2026, 11, 1)


@pytest.fixture(scope="module")
def demo_store(session_store: GraphStore, tmp_path_factory: pytest.TempPathFactory
               ) -> Iterator[GraphStore]:
    session_store.reset()
    data = Path(tmp_path_factory.mktemp("ask")) / "data"
    seed_demo(session_store, data_dir=data, seed=5, as_of=TODAY, clients=12)
    yield session_store
    session_store.reset()


@pytest.fixture(scope="module")
def planner(demo_store: GraphStore) -> Planner:
    from embeddings.encoder import get_encoder

    return Planner(demo_store, get_encoder(), load_ask_settings(today=TODAY))


@pytest.fixture(scope="module")
def ask_service(demo_store: GraphStore, planner: Planner) -> AskService:
    return AskService(demo_store, planner, GraphRAG(demo_store, planner.classifier.encoder),
                      get_intro_settings())


def count_nodes(store: GraphStore) -> int:
    return int(store.read_cypher("MATCH (n) RETURN count(n) AS n")[0]["n"])

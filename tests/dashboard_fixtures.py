"""A real API for the dashboard tests: uvicorn in a thread on a free port, on a small
seeded demo, with a real admin key; the dashboards reach it over HTTP like in production."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from graph.demo import seed_demo
from graph.evidence import EvidenceStore
from graph.store import GraphStore
from tests.evidence_fixtures import api_app, bearer, emptied

CLIENTS = 12


@dataclass(frozen=True)
class LiveApi:
    url: str
    key: str


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve(app: object, port: int) -> Iterator[str]:
    """Run `app` with uvicorn until the generator is closed; yields its base URL."""
    import uvicorn

    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error",
                                           lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:  # readiness, not timing: wait until it listens
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the API did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def live_api(store: GraphStore, evidence: EvidenceStore, data_dir: Path) -> Iterator[LiveApi]:
    """A seeded demo behind uvicorn, on an emptied graph and evidence store: what other test
    modules left (a committed batch of the same file, say) must not change what a page shows."""
    store.reset()
    emptied(evidence)
    seed_demo(store, data_dir=data_dir, seed=5, as_of=date(2026, 11, 1), clients=CLIENTS)
    token = bearer(evidence, "admin")["Authorization"].removeprefix("Bearer ")
    for url in serve(api_app(store, evidence), free_port()):
        yield LiveApi(url=url, key=token)


@pytest.fixture
def dashboard_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """Each test starts with an empty page cache."""
    import streamlit as st

    st.cache_data.clear()
    return monkeypatch

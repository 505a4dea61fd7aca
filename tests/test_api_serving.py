"""How the API is served: several worker processes on the same embedded engines, one rate
limit per key across them, per-request encodes, and logging left as the process set it."""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

import httpx
import numpy as np
import psutil
import pytest
from fastapi.testclient import TestClient

from api.auth.ratelimit import MemoryRateLimiter, SharedRateLimiter
from api.auth.roles import Principal, Role
from api.serve_workers import CRASH_LOOP, Supervisor, WorkersKeepFailing
from api.settings import load_api_settings
from embeddings.encoder import Encoder
from embeddings.quick_encoder import QuickEncoder
from graph.errors import RateLimited
from graph.evidence import EvidenceStore
from graph.store import GraphStore
from tests.dashboard_fixtures import free_port
from tests.evidence_fixtures import api_app, bearer, evidence, session_evidence  # noqa: F401

RAPPORT = str(Path(sys.executable).parent / "rapport")


def _principal(key_id: str, role: Role = Role.AGENT) -> Principal:
    return Principal(key_id=key_id, role=role, member_id=None)


def test_workers_share_one_allowance_per_key(evidence: EvidenceStore) -> None:  # noqa: F811
    """Two limiters on one PostgreSQL stand for two worker processes: a key's burst is
    spent across both, not once in each."""
    settings = load_api_settings(agent_rate_per_minute=1, burst=3)
    first, second = (SharedRateLimiter(settings, lambda: evidence) for _ in range(2))
    key = _principal(f"key_{time.monotonic_ns()}")
    first.take(key)
    second.take(key)
    first.take(key)
    with pytest.raises(RateLimited) as refused:
        second.take(key)
    assert 50 <= refused.value.retry_after_s <= 60  # one request a minute
    other = _principal(f"key_other_{time.monotonic_ns()}", Role.ADMIN)
    for _ in range(3):  # another key has its own allowance
        first.take(other)


def test_a_high_rate_is_never_refused_under_concurrent_workers(
        evidence: EvidenceStore) -> None:  # noqa: F811
    """Four connections take at once from one key at 1e9 a minute with a burst of 10,000:
    nothing may be refused. (A clock read before waiting for another request's row lock
    once refused some: the wait alone exceeded the 0.6 ms tolerance.)"""
    from concurrent.futures import ThreadPoolExecutor

    import psycopg

    from tests.evidence_fixtures import pg_dsn

    settings = load_api_settings(agent_rate_per_minute=1e9, burst=10_000)
    key = _principal(f"key_{time.monotonic_ns()}")
    stores = [EvidenceStore(psycopg.connect(pg_dsn()))
              for _ in range(4)]

    def spend(store: EvidenceStore) -> int:
        limiter = SharedRateLimiter(settings, lambda: store)
        for _ in range(150):
            limiter.take(key)
        return 150

    try:
        with ThreadPoolExecutor(4) as pool:
            assert sum(pool.map(spend, stores)) == 600
    finally:
        for store in stores:
            store.close()


def test_shared_limiter_refills_at_the_rate(evidence: EvidenceStore) -> None:  # noqa: F811
    limiter = SharedRateLimiter(load_api_settings(rate_per_minute=60, burst=1),
                                lambda: evidence)
    key = _principal(f"key_{time.monotonic_ns()}", Role.SELLER)
    limiter.take(key)
    with pytest.raises(RateLimited):
        limiter.take(key)
    time.sleep(1.05)  # one a second: the next one is due a second after the first
    limiter.take(key)


def test_memory_limiter_agrees_on_the_same_case() -> None:
    now = [0.0]
    limiter = MemoryRateLimiter(load_api_settings(agent_rate_per_minute=1, burst=3),
                                clock=lambda: now[0])
    key = _principal("key_a")
    for _ in range(3):
        limiter.take(key)
    with pytest.raises(RateLimited) as refused:
        limiter.take(key)
    assert refused.value.retry_after_s == 60
    now[0] = 60.0
    limiter.take(key)


class _Counting(Encoder):
    model_name, dimension = "counting", 3

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def _encode(self, texts: list[str], batch_size: int | None) -> Any:
        self.calls.append(texts)
        return np.asarray([[len(t), 1.0, 0.0] for t in texts], dtype=np.float32)


def test_query_encoder_remembers_single_texts_within_its_bound() -> None:
    inner = _Counting()
    quick = QuickEncoder(inner, cache_size=2)
    first = quick.encode_one("cfo lisbon")
    first[:] = 0.0  # a caller scribbling on its copy must not reach the cache
    again = quick.encode_one("cfo lisbon")
    assert inner.calls == [["cfo lisbon"]] and again[0] > 0
    quick.encode_one("b")
    quick.encode_one("c")  # evicts "cfo lisbon", the least recently used
    quick.encode_one("cfo lisbon")
    assert [c[0] for c in inner.calls] == ["cfo lisbon", "b", "c", "cfo lisbon"]
    batch: Sequence[str] = ["x", "y"]
    assert quick.encode(batch).shape == (2, 3) and inner.calls[-1] == ["x", "y"]


def test_building_the_app_leaves_root_logging_alone(store: GraphStore,
                                                     evidence: EvidenceStore) -> None:  # noqa: F811
    """The MCP SDK's server calls logging.basicConfig (a rich handler at INFO on the root
    logger), which made every request's log line cost about 12 ms."""
    root = logging.getLogger()
    before = (list(root.handlers), root.level)
    with TestClient(api_app(store, evidence)) as client:
        assert client.get("/health").status_code == 200
    assert (list(root.handlers), root.level) == before


def _ready(base: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/ready", timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise AssertionError("rapport serve --workers 2 did not become ready")


def _connections_per_worker(base: str, workers: list[psutil.Process], clients: int
                            ) -> list[int]:
    """Open keep-alive connections and count how many each worker holds: each worker has its
    own SO_REUSEPORT socket, so the kernel spreads them (all 16 on one of two: p = 2^-15)."""
    port = int(base.rsplit(":", 1)[1])
    opened = [httpx.Client(base_url=base) for _ in range(clients)]
    try:
        for client in opened:
            assert client.get("/health").status_code == 200
        return [sum(1 for c in w.net_connections(kind="tcp")
                    if c.laddr and c.laddr.port == port and c.status == psutil.CONN_ESTABLISHED)
                for w in workers]
    finally:
        for client in opened:
            client.close()


def test_serve_with_two_workers_on_the_embedded_engines(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RAPPORT_", "NEO4J_"))}
    env |= {"RAPPORT_DATA_DIR": str(tmp_path), "RAPPORT_API_WARM_ENCODER": "false",
            "RAPPORT_API_RATE_PER_MINUTE": "1", "RAPPORT_API_BURST": "6"}
    subprocess.run([RAPPORT, "demo", "--clients", "5", "--as-of", "2026-11-01", "--no-index"],
                   env=env, capture_output=True, text=True, timeout=300, check=True)
    created = subprocess.run([RAPPORT, "keys", "create", "--role", "viewer", "--json"],
                             env=env, capture_output=True, text=True, timeout=120, check=True)
    auth = {"Authorization": f"Bearer {json.loads(created.stdout)['token']}"}
    base = f"http://127.0.0.1:{free_port()}"
    server = subprocess.Popen([RAPPORT, "serve", "--port", base.rsplit(":", 1)[1],
                               "--workers", "2"], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        _ready(base)
        workers = psutil.Process(server.pid).children(recursive=True)
        statuses = []
        for _ in range(8):  # a new connection each time, to whichever worker accepts it
            statuses.append(httpx.get(f"{base}/v1/stats", headers=auth).status_code)
        # The key's burst of 6 is spent once in all, whichever worker answers (the sharing
        # itself: test_workers_share_one_allowance_per_key).
        assert statuses[:6] == [200] * 6 and statuses[6:] == [429, 429]
        spawned = [p for p in workers if "spawn_main" in " ".join(p.cmdline())]
        assert len(spawned) == 2
        assert all(n > 0 for n in _connections_per_worker(base, spawned, clients=16))
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=60)
    time.sleep(0.5)
    assert not [p for p in workers if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]


def test_a_query_over_its_time_budget_is_a_504_saying_what_to_narrow(
        store: GraphStore, evidence: EvidenceStore) -> None:  # noqa: F811
    from graph.catalog import Catalog

    shipped = store.catalog
    store.catalog = Catalog(store.dialect, package="tests.cypher")
    try:
        store.write("create_many", {"n": 20_000})
    finally:
        store.catalog = shipped
    budget, store.timeout_s = store.timeout_s, 0.001  # 1 ms: sorting 20k names takes longer
    try:
        with TestClient(api_app(store, evidence)) as client:
            answer = client.get("/v1/contacts", params={"limit": 200},
                                headers=bearer(evidence, "viewer"))
    finally:
        store.timeout_s = budget
    assert answer.status_code == 504, answer.text
    assert answer.headers["content-type"].startswith("application/problem+json")
    body = answer.json()
    assert body["type"].endswith("/query-timeout") and "narrow" in body["hint"]


class _DyingSupervisor(Supervisor):
    """Workers that exit at once, as a broken install or a bad setting makes them."""

    def _start(self) -> BaseProcess:
        process = multiprocessing.get_context("fork").Process(target=os._exit, args=(3,))
        process.start()
        return process


def test_workers_that_keep_dying_end_the_server() -> None:
    supervisor = _DyingSupervisor("127.0.0.1", free_port(), 2, access_log=False)
    with pytest.raises(WorkersKeepFailing, match="workers exited within"):
        supervisor.run()
    assert len(supervisor.exits) == CRASH_LOOP[0]
    assert not [p for p in supervisor.workers if p.is_alive()]


def test_a_worker_runs_as_many_requests_at_once_as_configured(
        store: GraphStore, evidence: EvidenceStore) -> None:  # noqa: F811
    from anyio import to_thread

    def tokens() -> float:
        return to_thread.current_default_thread_limiter().total_tokens

    for given, expected in (({"threads": 3}, 3), ({}, 4)):
        with TestClient(api_app(store, evidence, **given)) as client:
            assert client.portal is not None
            assert client.portal.call(tokens) == expected

"""The embedded server's append-only file: wait while it loads, compact it after big writes.

Redis replays raw GRAPH.QUERY commands from the AOF far slower than it loads a snapshot,
so after bulk loads (and at shutdown, if it grew) the AOF is rewritten as one snapshot.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

_COMPACT_AFTER_BYTES = 1 << 20


@dataclass(frozen=True)
class Endpoint:
    host: str
    port: int
    password: str
    pid: int


def client_for(endpoint: Endpoint) -> Any:
    import redis

    return redis.Redis(host=endpoint.host, port=endpoint.port, password=endpoint.password)


def wait_loaded(client: Any, check_alive: Callable[[], None]) -> None:
    """Wait while the server replays its append-only file (no time limit: it is progress)."""
    while int(client.info("persistence").get("loading", 0)):
        check_alive()
        time.sleep(0.1)


def compact(endpoint: Endpoint, *, only_if_grown: bool = False, wait: bool = True,
            timeout_s: float = 600.0) -> None:
    """Rewrite the append-only file as one snapshot, so the next start loads in seconds
    instead of replaying every write since the last rewrite. The rewrite runs in a forked
    child; `wait=False` returns at once (the AOF stays durable meanwhile)."""
    client = client_for(endpoint)
    if _rewriting(client) and not wait:
        return
    _wait_rewrite(client, timeout_s)
    info = client.info("persistence")
    grown = int(info.get("aof_current_size", 0)) - int(info.get("aof_base_size", 0))
    if only_if_grown and grown < _COMPACT_AFTER_BYTES:
        return
    client.bgrewriteaof()
    if wait:
        _wait_rewrite(client, timeout_s)


def _rewriting(client: Any) -> bool:
    info = client.info("persistence")
    return bool(int(info["aof_rewrite_in_progress"]) or int(info["aof_rewrite_scheduled"]))


def _wait_rewrite(client: Any, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while _rewriting(client) and time.monotonic() < deadline:
        time.sleep(0.05)



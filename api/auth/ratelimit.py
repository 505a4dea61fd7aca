"""Per-key rate limits: a steady rate with a small burst; 429 with Retry-After past it.

`take()` works out the key's rate and burst and asks the `_take()` hook for the wait until
a request would be allowed (None: allowed now). Two adapters: `SharedRateLimiter` keeps
the state in PostgreSQL, so every worker process and replica of the API spends the same
bucket (what `rapport serve` uses); `MemoryRateLimiter` keeps it in the process (the stdio
MCP server, tests with a fake clock).
"""

from __future__ import annotations

import math
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass

from api.auth.roles import Principal, Role
from api.settings import ApiSettings
from graph.errors import RateLimited
from graph.evidence import EvidenceStore


class RateLimiter(ABC):
    def __init__(self, settings: ApiSettings) -> None:
        self._settings = settings

    def rate_per_s(self, role: Role) -> float:
        per_min = (self._settings.agent_rate_per_minute if role is Role.AGENT
                   else self._settings.rate_per_minute)
        return per_min / 60.0

    def take(self, principal: Principal) -> None:
        """Spend one request of the key's allowance or raise RateLimited."""
        rate = self.rate_per_s(principal.role)
        wait_s = self._take(principal.key_id, rate, self._settings.burst)
        if wait_s is None:
            return
        retry = max(1, math.ceil(wait_s))
        raise RateLimited(f"rate limit of {rate * 60:g} requests per minute for "
                          f"{principal.role.value} keys reached", retry_after_s=retry,
                          hint=f"retry after {retry} s")

    @abstractmethod
    def _take(self, key_id: str, rate_per_s: float, burst: int) -> float | None:
        """Seconds until the key may call again when it may not now; else spend and None."""


@dataclass
class _Bucket:
    tokens: float
    at: float


class MemoryRateLimiter(RateLimiter):
    """One token bucket per key in this process."""

    def __init__(self, settings: ApiSettings,
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(settings)
        self._clock = clock
        self._buckets: dict[str, _Bucket] = {}
        self._lock = threading.Lock()

    def _take(self, key_id: str, rate_per_s: float, burst: int) -> float | None:
        now = self._clock()
        with self._lock:
            bucket = self._buckets.setdefault(key_id, _Bucket(float(burst), now))
            bucket.tokens = min(float(burst), bucket.tokens + (now - bucket.at) * rate_per_s)
            bucket.at = now
            if bucket.tokens >= 1.0:
                bucket.tokens -= 1.0
                return None
            return (1.0 - bucket.tokens) / rate_per_s


# The generic cell rate algorithm in one statement: a key's row holds the time its next
# request is "due" (tat); a request is allowed while tat is at most `tolerance` ahead of
# now, and moves tat one interval on. Refused requests change nothing (no row returned).
# The update reads the clock itself, once it holds the row's lock: a clock read before
# waiting for a concurrent request's update would be behind the tat that request set, and
# with a small tolerance (a high rate) that wait alone refused requests wrongly.
_TAKE = """
INSERT INTO api_rate_bucket AS b (key_id, tat)
VALUES (%(key)s, extract(epoch FROM clock_timestamp())::float8 + %(interval)s)
ON CONFLICT (key_id) DO UPDATE
SET tat = greatest(b.tat, extract(epoch FROM clock_timestamp())::float8) + %(interval)s
WHERE b.tat - extract(epoch FROM clock_timestamp())::float8 <= %(tolerance)s
RETURNING b.tat
"""
_WAIT = """
SELECT greatest(tat - extract(epoch FROM clock_timestamp())::float8 - %(tolerance)s, 0.0)
       AS wait FROM api_rate_bucket WHERE key_id = %(key)s
"""


class SharedRateLimiter(RateLimiter):
    """The key's allowance in PostgreSQL: one row per key, updated in one statement."""

    def __init__(self, settings: ApiSettings, evidence: Callable[[], EvidenceStore]) -> None:
        super().__init__(settings)
        self._evidence = evidence

    def _take(self, key_id: str, rate_per_s: float, burst: int) -> float | None:
        interval = 1.0 / rate_per_s
        params = {"key": key_id, "interval": interval, "tolerance": (burst - 1) * interval}
        with self._evidence().transaction() as cur:
            cur.execute(_TAKE, params)
            if cur.fetchone() is not None:
                return None
            cur.execute(_WAIT, params)
            row = cur.fetchone()
        return float(row["wait"]) if row else interval

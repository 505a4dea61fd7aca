"""Per-key token buckets: a steady rate with a small burst; 429 with Retry-After past it."""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from api.auth.roles import Principal, Role
from api.settings import ApiSettings
from graph.errors import RateLimited


@dataclass
class _Bucket:
    tokens: float
    at: float


class RateLimiter:
    """One bucket per key, held by the app (state per process: replicas each limit)."""

    def __init__(self, settings: ApiSettings,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._settings = settings
        self._clock = clock
        self._buckets: dict[str, _Bucket] = {}
        self._lock = threading.Lock()

    def rate_per_s(self, role: Role) -> float:
        per_min = (self._settings.agent_rate_per_minute if role is Role.AGENT
                   else self._settings.rate_per_minute)
        return per_min / 60.0

    def take(self, principal: Principal) -> None:
        """Spend one token of the key's bucket or raise RateLimited."""
        rate, size = self.rate_per_s(principal.role), float(self._settings.burst)
        now = self._clock()
        with self._lock:
            bucket = self._buckets.setdefault(principal.key_id, _Bucket(size, now))
            bucket.tokens = min(size, bucket.tokens + (now - bucket.at) * rate)
            bucket.at = now
            if bucket.tokens >= 1.0:
                bucket.tokens -= 1.0
                return
            wait = math.ceil((1.0 - bucket.tokens) / rate)
        raise RateLimited(f"rate limit of {rate * 60:g} requests per minute for "
                          f"{principal.role.value} keys reached", retry_after_s=max(1, wait),
                          hint=f"retry after {max(1, wait)} s")

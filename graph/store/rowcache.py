"""Rows of keyed read queries remembered while the graph has not been written.

A warm-path search reads the same neighbourhoods over and over: every request to a hub
contact pulls its edges again, and each round trip costs the engine and the client far more
than the search itself. The cache is exact, never stale: it is tied to the engine's write
mark (`GraphStore.write_mark()`), read once when a request opens its `CachedReads`, and any
write by anyone (this process, another worker, a loader, an import) moves the mark, which
empties the cache at the next request. An engine with no mark (Neo4j) caches nothing.

Rows read under an older mark are never kept: a request stores what it fetched only when
the cache still stands at the mark the request read before fetching.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, Sequence
from typing import TYPE_CHECKING, TypeVar

K = TypeVar("K", bound=Hashable)
if TYPE_CHECKING:  # base.py builds a RowCache per store
    from graph.store.base import Row, WriteMark

    Fetch = Callable[[list[K]], list[Row]]


class RowCache:
    """Per-process, shared by threads. Bounded by rows: past `max_rows` it starts again
    empty (a mark change does the same), which keeps the bookkeeping to one dict."""

    def __init__(self, *, max_rows: int = 250_000) -> None:
        self.max_rows = max_rows
        self._lock = threading.Lock()
        self._mark: WriteMark | None = None
        self._rows: dict[tuple[str, Hashable], tuple[Row, ...]] = {}
        self._size = 0

    def session(self, mark: WriteMark | None) -> CachedReads:
        """Reads for one request at `mark` (None: the engine has no mark, nothing cached)."""
        if mark is not None:
            with self._lock:
                if mark != self._mark:
                    self._mark, self._rows, self._size = mark, {}, 0
        return CachedReads(self, mark)

    def _get(self, mark: WriteMark, query: str, keys: list[K]) -> dict[K, tuple[Row, ...]]:
        with self._lock:
            if mark != self._mark:
                return {}
            return {key: rows for key in keys
                    if (rows := self._rows.get((query, key))) is not None}

    def _put(self, mark: WriteMark, found: dict[tuple[str, Hashable], tuple[Row, ...]]) -> None:
        added = sum(len(rows) + 1 for rows in found.values())  # an empty answer counts too
        with self._lock:
            if mark != self._mark:
                return  # the graph moved while this request fetched: its rows may be old
            if self._size + added > self.max_rows:
                self._rows, self._size = {}, 0
            self._rows.update(found)
            self._size += added


class CachedReads:
    """One request's view of the cache, at the write mark read when it was opened."""

    def __init__(self, cache: RowCache, mark: WriteMark | None) -> None:
        self._cache = cache
        self._mark = mark

    @property
    def caching(self) -> bool:
        return self._mark is not None

    def keyed(self, query: str, keys: Sequence[K], fetch: Fetch[K],
              key_of: Callable[[Row], K]) -> list[Row]:
        """The rows of `query` for `keys`, in key order: each key's rows come from the
        cache, or from one `fetch(missing keys)` call whose rows `key_of` assigns to keys.
        `query` names what the rows answer (with any parameter besides the keys); a
        key given twice is answered once."""
        unique = list(dict.fromkeys(keys))
        if self._mark is None:
            return fetch(unique)
        cached = self._cache._get(self._mark, query, unique)
        missing = [key for key in unique if key not in cached]
        if missing:
            cached.update(self._fetch(self._mark, query, missing, fetch, key_of))
        return [row for key in unique for row in cached.get(key, ())]

    def _fetch(self, mark: WriteMark, query: str, missing: list[K], fetch: Fetch[K],
               key_of: Callable[[Row], K]) -> dict[K, tuple[Row, ...]]:
        grouped: dict[K, list[Row]] = {key: [] for key in missing}
        for row in fetch(missing):
            grouped.setdefault(key_of(row), []).append(row)
        found = {key: tuple(rows) for key, rows in grouped.items()}
        self._cache._put(mark, {(query, key): rows for key, rows in found.items()})
        return found

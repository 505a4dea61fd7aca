"""The graph store port: one interface, an adapter per engine.

Public methods validate and normalise, then call the engine hooks (`_run`, `_close`, ...)
that each adapter implements. Rows are plain Python values: dicts for maps, nodes and
relationships (their properties), `datetime.date` / UTC-aware `datetime` for temporal values.
"""

from __future__ import annotations

import enum
from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from types import TracebackType
from typing import Any, ClassVar, Literal, NamedTuple

from graph.catalog import Catalog, NamedQuery
from graph.errors import GraphConnectionError, ReadOnlyViolation
from graph.store.rowcache import CachedReads, RowCache

Row = dict[str, Any]
Access = Literal["read", "write"]


_PLAIN = frozenset({str, int, float, bool, type(None)})


def to_param(value: Any) -> Any:
    """Engine-neutral parameter: temporal values travel as ISO text, wrapped in Cypher.

    Queries convert with `date($x)` / `localdatetime($x)`; datetimes are sent as naive UTC
    because FalkorDB has no zoned datetime and both engines parse this form. Plain values
    are returned as they are without a call per value: bulk loads send millions of them.
    """
    if type(value) in _PLAIN:
        return value
    if isinstance(value, Mapping):
        return {str(k): v if type(v) in _PLAIN else to_param(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [v if type(v) in _PLAIN else to_param(v) for v in value]
    if isinstance(value, datetime):
        aware = value if value.tzinfo else value.replace(tzinfo=UTC)
        return aware.astimezone(UTC).replace(tzinfo=None).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return to_param(value.value)
    return value


class WriteMark(NamedTuple):
    """How many possibly-writing commands the graph server has run (`server`: which run of
    it). A plan made while the mark stood still still describes the graph at the same mark
    plus the writes the planner made itself; any other difference means something else
    (another batch, a merge, the API, a loader, a reset) may have changed the graph."""

    server: str
    writes: int

    def after(self, own_writes: int) -> WriteMark:
        return WriteMark(self.server, self.writes + own_writes)

    def text(self) -> str:
        return f"{self.server}:{self.writes}"


@dataclass(frozen=True)
class PreparedWrite:
    """A write ready to send; `payload` is engine-specific."""

    name: str
    payload: Any


class GraphStore(ABC):
    """Run named queries from the catalog, or untrusted Cypher on the read-only path."""

    dialect: ClassVar[str]

    def __init__(self, *, timeout_s: float, catalog: Catalog | None = None) -> None:
        self.timeout_s = timeout_s
        self.catalog = catalog or Catalog(self.dialect)
        self.closed = False
        self.row_cache = RowCache()

    # -- public API -------------------------------------------------------------------
    def read(self, name: str, params: Mapping[str, Any] | None = None, *,
             timeout_s: float | None = None) -> list[Row]:
        """Run a named read query; the engine enforces read-only."""
        query = self.catalog.get(name)
        if query.mode != "read":
            raise ReadOnlyViolation(f"query {name!r} is a {query.mode} query, not a read")
        return self._execute(query.text, params, "read", timeout_s)

    def write(self, name: str, params: Mapping[str, Any] | None = None, *,
              timeout_s: float | None = None) -> list[Row]:
        """Run a named write query in a write transaction."""
        query = self.catalog.get(name)
        return self._execute(query.text, params, "write", timeout_s)

    def prepare_rows(self, name: str, rows: list[dict[str, Any]]) -> PreparedWrite:
        """Serialise a named write over `$rows` that are already engine parameters (built
        by graph.rows). Thread-safe and engine-free, so a loader can prepare the next batch
        while the engine works on this one."""
        query = self.catalog.get(name)
        return PreparedWrite(name, self._prepare(query.text, {"rows": rows}))

    def run_prepared(self, prepared: PreparedWrite, *,
                     timeout_s: float | None = None) -> list[Row]:
        if self.closed:
            raise GraphConnectionError("the graph store is closed")
        return self._run_prepared(prepared.payload, timeout_s)

    def write_rows(self, name: str, rows: list[dict[str, Any]], *,
                   timeout_s: float | None = None) -> list[Row]:
        return self.run_prepared(self.prepare_rows(name, rows), timeout_s=timeout_s)

    def read_cypher(self, text: str, params: Mapping[str, Any] | None = None, *,
                    timeout_s: float | None = None) -> list[Row]:
        """Run untrusted Cypher (e.g. generated) on the engine's read-only path."""
        return self._execute(text, params, "read", timeout_s)

    def explain(self, text: str, params: Mapping[str, Any] | None = None) -> str:
        """The engine's plan for untrusted Cypher without running it: proves it parses and
        plans; raises QuerySyntaxError if not, ReadOnlyViolation if the engine sees a write."""
        if self.closed:
            raise GraphConnectionError("the graph store is closed")
        return self._explain(text, to_param(dict(params or {})))

    def apply_schema(self, name: str = "schema/constraints") -> None:
        """Create the indexes and constraints of a schema file; safe to run again."""
        query = self.catalog.get(name)
        self._apply_schema(query)

    def query_text(self, name: str) -> NamedQuery:
        return self.catalog.get(name)

    def ping(self) -> None:
        """Raise GraphConnectionError when the engine does not answer."""
        self.read("admin/ping", timeout_s=5.0)

    def reset(self) -> None:
        """Delete every node, relationship and index, then re-create the schema."""
        self._reset()
        self.apply_schema()

    def write_mark(self) -> WriteMark | None:
        """The engine's write counter now; None where the engine has none this can read
        cheaply (then a staged import plan is never reused: approve resolves again)."""
        return None

    def cached_reads(self) -> CachedReads:
        """A request's reads that may be answered from rows read before, exactly as the
        engine would answer them now (see graph.store.rowcache)."""
        return self.row_cache.session(self.write_mark())

    def checkpoint(self) -> None:
        """Make recent bulk writes cheap to recover (a no-op where the engine needs none)."""
        self._checkpoint()

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            self._close()

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    @property
    def location(self) -> str:
        """Where the data lives, for humans (URI or folder)."""
        return self._location()

    def _execute(self, text: str, params: Mapping[str, Any] | None, access: Access,
                 timeout_s: float | None) -> list[Row]:
        if self.closed:
            raise GraphConnectionError("the graph store is closed")
        return self._run(text, to_param(dict(params or {})), access, timeout_s)

    # -- engine hooks ------------------------------------------------------------------
    @abstractmethod
    def _run(self, text: str, params: dict[str, Any], access: Access,
             timeout_s: float | None) -> list[Row]: ...

    @abstractmethod
    def _explain(self, text: str, params: dict[str, Any]) -> str: ...

    @abstractmethod
    def _apply_schema(self, query: NamedQuery) -> None: ...

    @abstractmethod
    def _reset(self) -> None: ...

    def _checkpoint(self) -> None:
        return None

    def _prepare(self, text: str, params: dict[str, Any]) -> Any:
        return (text, params)

    def _run_prepared(self, payload: Any, timeout_s: float | None) -> list[Row]:
        text, params = payload
        return self._run(text, params, "write", timeout_s)

    @abstractmethod
    def _close(self) -> None: ...

    @abstractmethod
    def _location(self) -> str: ...

    def _timeout(self, timeout_s: float | None) -> float:
        return timeout_s if timeout_s is not None else self.timeout_s


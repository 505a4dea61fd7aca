"""FalkorDB adapter over the native `falkordb` client (never Bolt: it crashes the server)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from graph.catalog import Catalog, NamedQuery
from graph.errors import (
    ConstraintViolation,
    GraphConnectionError,
    QueryError,
    QuerySyntaxError,
    QueryTimeout,
    RapportError,
    ReadOnlyViolation,
)
from graph.model import NODE_BY_LABEL
from graph.store.base import Access, GraphStore, Row, WriteMark
from graph.store.paramtext import header

if TYPE_CHECKING:
    from graph.store.embedded import EmbeddedFalkorDB


_SCALARS = frozenset({str, int, float, bool, type(None)})


def _plain(value: Any) -> Any:
    """Client objects to plain Python: nodes/edges to property dicts, paths to a dict."""
    if type(value) in _SCALARS:  # most values: skip the imports and checks below
        return value
    # Scalars inline, without a call each: a map of properties is mostly scalars, and a
    # large read (an import's candidates) converts millions of them. Lists and maps come
    # before the client's classes (none of which is one), which were imported again for
    # every list value (this function was 4 % of a mailbox's stage).
    if isinstance(value, list):
        return [v if type(v) in _SCALARS else _plain(v) for v in value]
    if isinstance(value, dict):
        return {k: v if type(v) in _SCALARS else _plain(v) for k, v in value.items()}
    from falkordb.edge import Edge
    from falkordb.node import Node
    from falkordb.path import Path

    if isinstance(value, (Node, Edge)):
        return _plain(value.properties)
    if isinstance(value, Path):
        return {"nodes": [_plain(n) for n in value.nodes()],
                "relationships": [_plain(e) for e in value.edges()]}
    return value


def _wrap(error: Exception, text: str) -> RapportError:
    message = str(error)
    lowered = message.lower()
    first_line = " ".join(text.split())[:120]
    if "timed out" in lowered:
        return QueryTimeout(f"query timed out: {first_line}", hint="narrow the query")
    if "unique constraint" in lowered:
        return ConstraintViolation(message)
    if "read-only" in lowered or "ro_query" in lowered:
        return ReadOnlyViolation("write clauses are not allowed on the read-only path")
    if "errmsg" in lowered or "invalid input" in lowered or "not defined" in lowered:
        return QuerySyntaxError(f"{message} in: {first_line}")
    return QueryError(f"{message} in: {first_line}")


_READ_ONLY_COMMANDS = frozenset({
    "graph.ro_query", "graph.explain", "graph.list", "graph.info", "graph.memory",
    "graph.slowlog", "info", "ping", "hello", "auth", "select", "echo", "time", "dbsize",
    "exists", "type", "ttl", "pttl", "scan", "keys", "lastsave", "bgsave", "save",
    "bgrewriteaof", "config|get", "memory|usage", "memory|stats", "slowlog|get",
    "latency|latest", "module|list", "quit", "reset"})


class FalkorDBStore(GraphStore):
    dialect = "falkordb"

    def __init__(self, *, host: str, port: int, graph_name: str, password: str | None,
                 timeout_s: float, catalog: Catalog | None = None,
                 server: EmbeddedFalkorDB | None = None) -> None:
        super().__init__(timeout_s=timeout_s, catalog=catalog)
        import falkordb
        import redis

        self._server = server
        self._where = f"{server.data_dir}" if server else f"falkordb://{host}:{port}"
        try:
            self._db = falkordb.FalkorDB(host=host, port=port, password=password)
            self._db.connection.ping()
        except redis.RedisError as e:
            raise GraphConnectionError(
                f"cannot reach FalkorDB at {host}:{port}: {e}",
                hint="check RAPPORT_GRAPH_URI",
            ) from e
        self._graph = self._db.select_graph(graph_name)
        self.graph_name = graph_name

    def _run(self, text: str, params: dict[str, Any] | None, access: Access,
             timeout_s: float | None) -> list[Row]:
        import redis

        run = self._graph.ro_query if access == "read" else self._graph.query
        try:
            result = run(header(params) + text, None,
                         timeout=int(self._timeout(timeout_s) * 1000))
        except redis.ConnectionError as e:
            raise GraphConnectionError(f"lost the FalkorDB connection: {e}") from e
        except redis.RedisError as e:
            raise _wrap(e, text) from e
        columns = [str(h[1]) for h in result.header]
        return [dict(zip(columns, (_plain(v) for v in row), strict=True))
                for row in result.result_set]

    def _explain(self, text: str, params: dict[str, Any]) -> str:
        import redis

        try:
            plan = self._graph.explain(text, params)
        except redis.ConnectionError as e:
            raise GraphConnectionError(f"lost the FalkorDB connection: {e}") from e
        except redis.RedisError as e:
            raise QuerySyntaxError(f"{e}") from e
        return str(plan)

    def _prepare(self, text: str, params: dict[str, Any]) -> str:
        # Built here so it can happen off the sending thread; the query then goes out with
        # no further parameters.
        return header(params) + text

    def _run_prepared(self, payload: Any, timeout_s: float | None) -> list[Row]:
        return self._run(payload, None, "write", timeout_s)

    def _apply_schema(self, query: NamedQuery) -> None:
        for statement in query.statements:
            try:
                self._run(statement, {}, "write", None)
            except QueryError as e:
                if "already indexed" not in str(e).lower():
                    raise
        self._ensure_unique_ids()

    def _ensure_unique_ids(self) -> None:
        # Unique constraints are a Redis command, not Cypher; they need the index above.
        existing = {r["label"] for r in self.read("schema/unique_constraints")}
        for label in sorted(set(NODE_BY_LABEL) - existing):
            self._db.connection.execute_command(
                "GRAPH.CONSTRAINT", "CREATE", self.graph_name, "UNIQUE", "NODE", label,
                "PROPERTIES", "1", "id")

    def _reset(self) -> None:
        # Dropping the key removes data, indexes and constraints in one step.
        import redis

        try:
            self._graph.delete()
        except redis.ConnectionError as e:
            raise GraphConnectionError(f"lost the FalkorDB connection: {e}") from e
        except redis.ResponseError as e:
            if "empty key" not in str(e).lower() and "invalid graph" not in str(e).lower():
                raise _wrap(e, "GRAPH.DELETE") from e

    def write_mark(self) -> WriteMark | None:
        # Redis counts calls per command since the server started; every command except
        # the known read-only ones (read queries, introspection, this INFO itself) counts
        # as a possible write, so an unknown command errs towards "changed". A server that
        # refuses INFO (an ACL) has no mark: imports then always resolve at approve.
        import redis

        conn = self._db.connection
        try:
            info = conn.info("server", "commandstats")  # both sections, one round trip
            server = str(info["run_id"])
        except redis.ConnectionError as e:
            raise GraphConnectionError(f"lost the FalkorDB connection: {e}") from e
        except (redis.ResponseError, KeyError):
            return None
        writes = sum(int(v["calls"]) for k, v in info.items() if k.startswith("cmdstat_")
                     and k.removeprefix("cmdstat_").lower() not in _READ_ONLY_COMMANDS
                     and not k.lower().startswith(("cmdstat_client|", "cmdstat_command")))
        return WriteMark(server, writes)

    def _checkpoint(self) -> None:
        if self._server is not None and self._server.endpoint is not None:
            from graph.store.aof import compact

            compact(self._server.endpoint, wait=False)

    def _close(self) -> None:
        self._db.connection.close()
        if self._server is not None:
            self._server.stop()

    def _location(self) -> str:
        return self._where

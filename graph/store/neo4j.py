"""Neo4j 5 adapter over the official driver: reads in read transactions, writes in write ones."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

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
from graph.store.base import Access, GraphStore, Row

_RESET_BATCH = 10_000


_SCALARS = frozenset({str, int, float, bool, type(None)})


def _plain(value: Any) -> Any:
    """Driver values to plain Python; local datetimes are UTC by Rapport's convention."""
    if type(value) in _SCALARS:  # most values: skip the imports and checks below
        return value
    from neo4j.graph import Node, Path, Relationship
    from neo4j.time import Date, DateTime

    if isinstance(value, (Node, Relationship)):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, Path):
        return {"nodes": [_plain(n) for n in value.nodes],
                "relationships": [_plain(r) for r in value.relationships]}
    if isinstance(value, DateTime):
        native: datetime = value.to_native()
        return native.replace(tzinfo=UTC) if native.tzinfo is None else native.astimezone(UTC)
    if isinstance(value, Date):
        return value.to_native()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _wrap(error: Exception, text: str) -> RapportError:
    from neo4j import exceptions as ne

    code = getattr(error, "code", "") or ""
    first_line = " ".join(text.split())[:120]
    if isinstance(error, ne.ServiceUnavailable | ne.AuthError):
        return GraphConnectionError(f"Neo4j: {error}",
                                    hint="check RAPPORT_GRAPH_URI and credentials")
    if "TransactionTimedOut" in code or "Timeout" in code:
        return QueryTimeout(f"query timed out: {first_line}", hint="narrow the query")
    if isinstance(error, ne.ConstraintError):
        return ConstraintViolation(str(error.message if hasattr(error, "message") else error))
    if "ForbiddenOnReadOnlyDatabase" in code or "WriteOnReadOnlyAccessDatabase" in code \
            or "AccessMode" in code:
        return ReadOnlyViolation("write clauses are not allowed on the read-only path")
    if isinstance(error, ne.CypherSyntaxError) or "Statement.SyntaxError" in code:
        return QuerySyntaxError(f"{error} in: {first_line}")
    return QueryError(f"{error} in: {first_line}")


class Neo4jStore(GraphStore):
    dialect = "neo4j"

    def __init__(self, *, uri: str, user: str, password: str | None, database: str,
                 timeout_s: float, catalog: Catalog | None = None) -> None:
        super().__init__(timeout_s=timeout_s, catalog=catalog)
        import neo4j
        from neo4j import exceptions as ne

        self._uri, self._database = uri, database
        try:
            self._driver = neo4j.GraphDatabase.driver(
                uri, auth=(user, password or ""), connection_timeout=10)
            self._driver.verify_connectivity()
        except (ne.Neo4jError, ne.DriverError, ValueError, OSError) as e:
            raise GraphConnectionError(
                f"cannot reach Neo4j at {uri}: {e}",
                hint="check RAPPORT_GRAPH_URI, RAPPORT_GRAPH_USER and RAPPORT_GRAPH_PASSWORD",
            ) from e

    def _run(self, text: str, params: dict[str, Any], access: Access,
             timeout_s: float | None) -> list[Row]:
        import neo4j
        from neo4j import exceptions as ne

        # A float32 array (a query vector, kept as one for FalkorDB's header) goes as a list.
        params = {k: v.tolist() if hasattr(v, "tolist") else v for k, v in params.items()}

        @neo4j.unit_of_work(timeout=self._timeout(timeout_s))
        def work(tx: neo4j.ManagedTransaction) -> list[Row]:
            result = tx.run(text, params)
            keys = result.keys()
            return [{k: _plain(record[k]) for k in keys} for record in result]

        mode = neo4j.READ_ACCESS if access == "read" else neo4j.WRITE_ACCESS
        try:
            with self._driver.session(database=self._database, default_access_mode=mode) as s:
                run = s.execute_read if access == "read" else s.execute_write
                return run(work)
        except (ne.Neo4jError, ne.DriverError) as e:
            raise _wrap(e, text) from e

    def _explain(self, text: str, params: dict[str, Any]) -> str:
        """EXPLAIN in a read transaction; the planner's query type must be 'r' (read only)."""
        import neo4j
        from neo4j import exceptions as ne

        def work(tx: neo4j.ManagedTransaction) -> tuple[str, str]:
            summary = tx.run(f"EXPLAIN {text}", params).consume()
            return str(summary.query_type or ""), str(summary.plan or "")

        try:
            with self._driver.session(database=self._database,
                                      default_access_mode=neo4j.READ_ACCESS) as s:
                query_type, plan = s.execute_read(work)
        except (ne.Neo4jError, ne.DriverError) as e:
            raise _wrap(e, text) from e
        if query_type != "r":
            raise ReadOnlyViolation(f"the engine plans this as a {query_type!r} query, "
                                    "not a read ('r')")
        return plan

    def _apply_schema(self, query: NamedQuery) -> None:
        for statement in query.statements:  # IF NOT EXISTS makes each one idempotent
            self._run(statement, {}, "write", None)

    def _reset(self) -> None:
        # Batches keep each transaction small; constraints stay (re-applied idempotently).
        while self.write("admin/delete_batch", {"batch": _RESET_BATCH})[0]["deleted"]:
            pass

    def _close(self) -> None:
        self._driver.close()

    def _location(self) -> str:
        return f"{self._uri} (database {self._database})"

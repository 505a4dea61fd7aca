"""The text-to-Cypher guard: every generated query passes all of these before it runs.

1. normalise (NFKC, format characters dropped) and lex; comments never reach the engine;
2. static read-only check (write clauses, procedures off the allowlist, several statements);
3. literals become parameters, a LIMIT is added (or capped) so one query cannot flood;
4. schema validation: labels, relationship types, directions, properties;
5. EXPLAIN on the engine (parses and plans; Neo4j must call it a read, type 'r');
6. run on the engine's read-only path (FalkorDB GRAPH.RO_QUERY, Neo4j READ transaction).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graph.errors import QueryError, ReadOnlyViolation
from graph.store import GraphStore, Row
from intel.cypher_guard.errors import GuardRejected
from intel.cypher_guard.lexer import LexError, normalize, significant, tokenize
from intel.cypher_guard.rewrite import cap_limit, parameterize
from intel.cypher_guard.schema import Schema
from intel.cypher_guard.static import check_read_only
from intel.cypher_guard.validate import SchemaValidator


@dataclass(frozen=True)
class CheckedQuery:
    """A query that passed every static check, ready for the read-only path."""

    text: str
    params: dict[str, Any]
    limit_added: bool


class CypherGuard:
    """`check()` runs the static checks; `run()` checks, explains and runs read-only."""

    def __init__(self, store: GraphStore, schema: Schema, *, max_rows: int = 1000) -> None:
        self.store = store
        self.schema = schema
        self.validator = SchemaValidator(schema)
        self.max_rows = max_rows

    def check(self, text: str, params: dict[str, Any] | None = None) -> CheckedQuery:
        try:
            tokens = tokenize(normalize(text))
        except LexError as e:
            raise GuardRejected("syntax", str(e)) from e
        if not significant(tokens):
            raise GuardRejected("syntax", "the query is empty")
        check_read_only(significant(tokens))
        rewritten, values = parameterize(tokens, dict(params or {}))
        query, added = cap_limit(rewritten, self.max_rows)
        self.validator.validate(query)
        return CheckedQuery(query, values, added)

    def explain(self, checked: CheckedQuery) -> str:
        try:
            return self.store.explain(checked.text, checked.params)
        except ReadOnlyViolation as e:
            raise GuardRejected("unsafe", e.message) from e
        except QueryError as e:
            raise GuardRejected("syntax", f"the engine cannot plan it: {e.message}") from e

    def run(self, text: str, params: dict[str, Any] | None = None) -> tuple[CheckedQuery,
                                                                           list[Row]]:
        checked = self.check(text, params)
        self.explain(checked)
        try:
            rows = self.store.read_cypher(checked.text, checked.params)
        except ReadOnlyViolation as e:
            raise GuardRejected("unsafe", e.message) from e
        except QueryError as e:
            raise GuardRejected("syntax", f"the engine refused it: {e.message}") from e
        return checked, rows

"""Guard for generated Cypher: static read-only check, schema validation, parameters,
LIMIT, EXPLAIN, and the engine's read-only path."""

from intel.cypher_guard.errors import GuardRejected
from intel.cypher_guard.guard import CheckedQuery, CypherGuard
from intel.cypher_guard.schema import Schema, live_schema, model_schema

__all__ = ["CheckedQuery", "CypherGuard", "GuardRejected", "Schema", "live_schema",
           "model_schema"]

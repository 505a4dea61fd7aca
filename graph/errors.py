"""Rapport's exception hierarchy: one root, narrow subclasses, each with an HTTP status.

Third-party errors are wrapped at the boundary (`raise QueryTimeout(...) from e`) so callers
only ever catch `RapportError` subclasses.
"""

from __future__ import annotations


class RapportError(Exception):
    """Root of every error Rapport raises on purpose."""

    status: int = 500
    type: str = "internal"
    title: str = "Internal error"

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message

    def extra(self) -> dict[str, object]:
        """Extension members of the HTTP problem document (RFC 9457); none by default."""
        return {}


class ConfigError(RapportError):
    """A setting is wrong; the message names the setting to change."""

    status = 500
    type = "config"
    title = "Configuration error"


class GraphConnectionError(RapportError):
    status = 503
    type = "graph-unavailable"
    title = "Graph store unavailable"


class EngineStartError(GraphConnectionError):
    """The embedded engine could not be started (port taken, stale process, bad data dir)."""

    type = "engine-start"
    title = "Embedded engine failed to start"


class QueryError(RapportError):
    """The engine refused or failed a query."""

    status = 400
    type = "query-error"
    title = "Query failed"


class QuerySyntaxError(QueryError):
    status = 400
    type = "query-syntax"
    title = "Invalid query"


class ConstraintViolation(QueryError):
    status = 409
    type = "constraint-violation"
    title = "Constraint violation"


class QueryTimeout(QueryError):
    status = 504
    type = "query-timeout"
    title = "Query timed out"


class ReadOnlyViolation(QueryError):
    status = 403
    type = "read-only"
    title = "Write attempted on a read-only path"


class QueryNotFound(RapportError):
    """A named query is missing from the cypher/ catalog."""

    status = 500
    type = "query-not-found"
    title = "Unknown named query"


class NotFound(RapportError):
    status = 404
    type = "not-found"
    title = "Not found"


class InvalidInput(RapportError):
    status = 422
    type = "invalid-input"
    title = "Invalid input"


class StageGateRefused(RapportError):
    """A deal's stage change breaks a pipeline rule; `reasons` lists every rule it breaks."""

    status = 409
    type = "stage-gate"
    title = "Stage change refused"

    def __init__(self, message: str, reasons: list[dict[str, str]], *,
                 hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.reasons = reasons

    def extra(self) -> dict[str, object]:
        return {"reasons": self.reasons}


class Unauthorized(RapportError):
    """No key, an unknown key or a revoked key."""

    status = 401
    type = "unauthorized"
    title = "Missing or invalid API key"


class Forbidden(RapportError):
    status = 403
    type = "forbidden"
    title = "The key's role does not allow this"


class PreconditionFailed(RapportError):
    """If-Match did not match the current ETag: someone changed the record meanwhile."""

    status = 412
    type = "precondition-failed"
    title = "The record changed since it was read"


class PayloadTooLarge(RapportError):
    status = 413
    type = "payload-too-large"
    title = "Request body too large"


class RateLimited(RapportError):
    status = 429
    type = "rate-limited"
    title = "Too many requests"

    def __init__(self, message: str, *, retry_after_s: int, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.retry_after_s = retry_after_s

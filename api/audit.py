"""The API audit trail in PostgreSQL: who called which route, a hash of what they sent,
how big the answer was and when. Agent keys are audited on every call, others on writes."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from api.auth.roles import Principal, Role
from graph.evidence import EvidenceStore

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_COLUMNS = ("id, at, key_id, role, member_id, method, route, operation, status, "
            "params_sha256, result_bytes, duration_ms, request_id")


class ApiCall(BaseModel):
    """One call as the middleware saw it."""

    method: str
    route: str
    operation: str | None = None
    status: int
    params_sha256: str
    result_bytes: int = Field(ge=0)
    duration_ms: float = Field(ge=0)
    request_id: str


class AuditRecord(ApiCall):
    id: int
    at: datetime
    key_id: str | None
    role: Role | None
    member_id: str | None


class AuditPage(BaseModel):
    items: list[AuditRecord]
    next_cursor: str | None = Field(
        default=None, description="pass as `cursor` for the next (older) page")


def must_audit(principal: Principal, method: str) -> bool:
    return principal.role is Role.AGENT or method.upper() not in READ_METHODS


class AuditLog:
    """Append and page through `api_audit` (the evidence store's connection is injected)."""

    def __init__(self, evidence: EvidenceStore) -> None:
        self._evidence = evidence

    def record(self, principal: Principal, call: ApiCall) -> None:
        with self._evidence.transaction() as cur:
            cur.execute(
                "INSERT INTO api_audit (key_id, role, member_id, method, route, operation, "
                "status, params_sha256, result_bytes, duration_ms, request_id) VALUES "
                "(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                (principal.key_id, principal.role.value, principal.member_id, call.method,
                 call.route, call.operation, call.status, call.params_sha256,
                 call.result_bytes, call.duration_ms, call.request_id))

    def page(self, *, key_id: str | None = None, route: str | None = None,
             before: int | None = None, limit: int = 50) -> AuditPage:
        """Newest first; `before` is the cursor (an id) from the previous page."""
        with self._evidence.transaction() as cur:
            cur.execute(
                f"SELECT {_COLUMNS} FROM api_audit WHERE (%(key)s::text IS NULL OR key_id = "  # noqa: S608
                "%(key)s) AND (%(route)s::text IS NULL OR route = %(route)s) AND "
                "(%(before)s::bigint IS NULL OR id < %(before)s) ORDER BY id DESC "
                "LIMIT %(limit)s",
                {"key": key_id, "route": route, "before": before, "limit": limit + 1})
            rows = [AuditRecord(**r) for r in cur.fetchall()]
        more = len(rows) > limit
        items = rows[:limit]
        return AuditPage(items=items, next_cursor=str(items[-1].id) if more else None)

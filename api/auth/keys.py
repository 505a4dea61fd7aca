"""API keys in PostgreSQL: issued once, kept only as a SHA-256 digest, revocable.

A token is `rk_<key id>_<secret>`: the id finds the row, the digest of the whole token is
compared in constant time. 32 random bytes make brute force pointless, so a plain SHA-256
(no slow KDF) is enough and keeps each request's check cheap.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime

from pydantic import BaseModel, Field

from api.auth.roles import Principal, Role
from graph.errors import NotFound, Unauthorized
from graph.evidence import EvidenceStore

_PREFIX = "rk_"
_COLUMNS = "id, role, member_id, label, created_by, created_at, last_used_at, revoked_at"
_INSERT = ("INSERT INTO api_key (id, token_sha256, role, member_id, label, created_by) "
           "VALUES (%s, %s, %s, %s, %s, %s) RETURNING " + _COLUMNS)
_REVOKE = ("UPDATE api_key SET revoked_at = coalesce(revoked_at, now()) WHERE id = %s "  # noqa: S608
           "RETURNING " + _COLUMNS)


class ApiKey(BaseModel):
    """A key as listed: never its token."""

    id: str
    role: Role
    member_id: str | None
    label: str
    created_by: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class IssuedKey(ApiKey):
    token: str = Field(description="the bearer token; shown once, only its digest is kept")


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _key_id(token: str) -> str | None:
    if not token.startswith(_PREFIX):
        return None
    key_id, sep, _ = token[len(_PREFIX):].partition("_")
    return f"key_{key_id}" if sep and key_id.isalnum() else None


class KeyStore:
    """Issue, list, revoke and verify keys (the evidence store's connection is injected)."""

    def __init__(self, evidence: EvidenceStore) -> None:
        self._evidence = evidence

    def create(self, role: Role, *, member_id: str | None = None, label: str = "",
               created_by: str = "cli") -> IssuedKey:
        short = secrets.token_hex(6)
        token = f"{_PREFIX}{short}_{secrets.token_urlsafe(32)}"
        with self._evidence.transaction() as cur:
            cur.execute(_INSERT,
                        (f"key_{short}", digest(token), role.value, member_id, label,
                         created_by))
            row = cur.fetchone()
        assert row is not None
        return IssuedKey(**row, token=token)

    def list(self, *, include_revoked: bool = False) -> list[ApiKey]:
        where = "" if include_revoked else "WHERE revoked_at IS NULL"
        with self._evidence.transaction() as cur:
            cur.execute(f"SELECT {_COLUMNS} FROM api_key {where} ORDER BY created_at, id")  # noqa: S608
            return [ApiKey(**r) for r in cur.fetchall()]

    def revoke(self, key_id: str) -> ApiKey:
        with self._evidence.transaction() as cur:
            cur.execute(_REVOKE, (key_id,))
            row = cur.fetchone()
        if row is None:
            raise NotFound(f"no API key {key_id!r}", hint="rapport keys list")
        return ApiKey(**row)

    def verify(self, token: str) -> Principal:
        """The principal of a live key; records its last use. Unauthorized otherwise."""
        key_id = _key_id(token)
        if key_id is None:
            raise Unauthorized("malformed API key", hint="send 'Authorization: Bearer rk_...'")
        with self._evidence.transaction() as cur:
            cur.execute("SELECT token_sha256, role, member_id, (last_used_at IS NULL OR "
                        "last_used_at < now() - interval '60 seconds') AS stale FROM api_key "
                        "WHERE id = %s AND revoked_at IS NULL", (key_id,))
            row = cur.fetchone()
            # Compare even when the row is missing so timing does not tell which ids exist.
            expected = str(row["token_sha256"]) if row else "0" * 64
            if not hmac.compare_digest(expected, digest(token)) or row is None:
                raise Unauthorized("unknown or revoked API key")
            if row["stale"]:  # to the minute: no write (and WAL flush) on every request
                cur.execute("UPDATE api_key SET last_used_at = now() WHERE id = %s", (key_id,))
        return Principal(key_id=key_id, role=Role(row["role"]), member_id=row["member_id"])

"""Entity CRUD over the graph: list (filters, keyset cursor), get, create, update with
optimistic concurrency (ETag / If-Match), archive instead of delete.

Writes go through the canonical model (every rule of graph.model applies) and the bulk
loader's named upsert; the revision claim (cypher/entities/*/claim) makes two concurrent
updates of one record impossible: the second gets 412.
"""

from __future__ import annotations

import base64
import binascii
import builtins
import hashlib
import json
import secrets
from datetime import UTC, datetime
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, Field, ValidationError

from api.auth.roles import Principal
from api.entities.filters import Paging
from api.entities.privacy import hidden_contacts, privacy_params
from api.entities.specs import EntitySpec
from graph.errors import ConstraintViolation, InvalidInput, NotFound, PreconditionFailed
from graph.rows import node_row
from graph.store import GraphStore

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    items: list[T]
    next_cursor: str | None = Field(default=None,
                                    description="pass as `cursor` for the next page")


def encode_cursor(last_id: str) -> str:
    return base64.urlsafe_b64encode(last_id.encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> str:
    if not cursor:
        return ""
    try:
        return base64.b64decode(cursor + "=" * (-len(cursor) % 4), altchars=b"-_",
                                validate=True).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError) as e:
        raise InvalidInput("cursor: not a cursor from a previous page") from e


def etag_of(public: BaseModel) -> str:
    data = json.dumps(public.model_dump(mode="json"), sort_keys=True)
    return f'"{getattr(public, "rev", 0)}-{hashlib.sha256(data.encode()).hexdigest()[:16]}"'


def _validation_message(e: ValidationError) -> str:
    first = e.errors()[0]
    where = ".".join(str(p) for p in first["loc"]) or "body"
    return f"{where}: {first['msg'].removeprefix('Value error, ')}"


class EntityService:
    """CRUD of one entity kind for one caller (the privacy rule needs who asks)."""

    def __init__(self, store: GraphStore, spec: EntitySpec, principal: Principal) -> None:
        self._store = store
        self._spec = spec
        self._principal = principal

    # -- reads -------------------------------------------------------------------------
    def list(self, filters: Paging) -> Page[Any]:
        params = filters.model_dump(mode="json", exclude={"cursor", "limit"})
        params.update(after=decode_cursor(filters.cursor), limit=filters.limit + 1)
        if self._spec.label == "Contact":
            params.update(privacy_params(self._principal))
        rows = self._store.read(f"{self._spec.queries}/list", params)
        items = [self._public(r["node"]) for r in rows[:filters.limit]]
        more = len(rows) > filters.limit
        return Page[Any](items=items,
                         next_cursor=encode_cursor(str(getattr(items[-1], "id", ""))) if more
                         else None)

    def get(self, entity_id: str) -> tuple[BaseModel, str]:
        public = self._fetch(entity_id)
        return public, etag_of(public)

    # -- writes ------------------------------------------------------------------------
    def create(self, body: BaseModel) -> tuple[BaseModel, str]:
        fields = body.model_dump(exclude={"id"})
        entity_id = getattr(body, "id", None) or \
            f"{self._spec.id_prefix}_{secrets.token_hex(6)}"
        if self._store.read(f"{self._spec.queries}/get", {"id": entity_id}):
            raise ConstraintViolation(f"a {self._spec.singular} with id {entity_id!r} exists",
                                      hint="omit id to get a new one, or PATCH it")
        now = datetime.now(UTC)
        self._write(dict(fields, id=entity_id, created_at=now, updated_at=now,
                         sources=["api"]))
        return self.get(entity_id)

    def update(self, entity_id: str, patch: BaseModel,
               if_match: str | None) -> tuple[BaseModel, str]:
        current = self._checked(entity_id, if_match)
        merged = {k: v for k, v in current.model_dump().items()
                  if k in self._spec.node.model_fields}
        changes = patch.model_dump(exclude_unset=True)
        merged.update(changes, updated_at=datetime.now(UTC),
                      edited_fields=self._edited_fields(entity_id, changes))
        node = self._validated(merged)
        self._claim(entity_id, getattr(current, "rev", 0))
        self._store.write_rows(self._spec.load_query, [node_row(node)])
        return self.get(entity_id)

    def archive(self, entity_id: str, if_match: str | None) -> tuple[BaseModel, str]:
        current = self._checked(entity_id, if_match)
        rows = self._store.write(f"{self._spec.queries}/archive", {
            "id": entity_id, "rev": getattr(current, "rev", 0), "now": datetime.now(UTC)})
        if not rows:
            raise PreconditionFailed(f"{self._spec.singular} {entity_id} changed meanwhile",
                                     hint="GET it again and retry with its new ETag")
        public = self._public(rows[0]["node"])
        return public, etag_of(public)

    # -- helpers -----------------------------------------------------------------------
    def _fetch(self, entity_id: str) -> BaseModel:
        rows = self._store.read(f"{self._spec.queries}/get", {"id": entity_id})
        hidden = self._spec.label == "Contact" and rows and \
            hidden_contacts(self._store, [entity_id], self._principal)
        if not rows or hidden:
            raise NotFound(f"no {self._spec.singular} with id {entity_id!r}")
        return self._public(rows[0]["node"])

    def _checked(self, entity_id: str, if_match: str | None) -> BaseModel:
        current = self._fetch(entity_id)
        if if_match is not None and if_match.strip() not in ("*", etag_of(current)):
            raise PreconditionFailed(
                f"If-Match {if_match} is not the current ETag of {self._spec.singular} "
                f"{entity_id}", hint="GET it again and retry with its new ETag")
        return current

    def _edited_fields(self, entity_id: str, changes: dict[str, Any]) -> builtins.list[str]:
        """The node's hand-edited fields with this update's: imports will not overwrite
        them (see graph.imports.resolve)."""
        rows = self._store.read(f"{self._spec.queries}/get", {"id": entity_id})
        before = list(rows[0]["node"].get("edited_fields") or []) if rows else []
        return sorted(set(before) | (set(changes) & set(self._spec.node.model_fields)))

    def _claim(self, entity_id: str, rev: int) -> None:
        if not self._store.write(f"{self._spec.queries}/claim", {"id": entity_id, "rev": rev}):
            raise PreconditionFailed(f"{self._spec.singular} {entity_id} changed meanwhile",
                                     hint="GET it again and retry with its new ETag")

    def _validated(self, data: dict[str, Any]) -> Any:
        try:
            return self._spec.node.model_validate(data)
        except ValidationError as e:
            raise InvalidInput(_validation_message(e)) from e

    def _write(self, data: dict[str, Any]) -> None:
        self._store.write_rows(self._spec.load_query, [node_row(self._validated(data))])

    def _public(self, props: dict[str, Any]) -> BaseModel:
        fields = self._spec.public.model_fields
        return self._spec.public.model_validate({k: v for k, v in props.items()
                                                 if k in fields})

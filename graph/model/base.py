"""Base classes shared by every canonical node and relationship."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Annotated, Any, ClassVar, get_args

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,127}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _check_id(value: str) -> str:
    if not _ID.match(value):
        raise ValueError(
            "id must be 1-128 letters, digits or _ . : @ - and start with a letter or digit")
    return value


def _utc(value: datetime) -> datetime:
    # Naive times are taken as UTC so both engines store the same instant.
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _email(value: str) -> str:
    value = value.strip().lower()
    if not _EMAIL.match(value):
        raise ValueError(f"not an email address: {value!r}")
    return value


EntityId = Annotated[str, AfterValidator(_check_id)]
UtcDatetime = Annotated[datetime, AfterValidator(_utc)]
Email = Annotated[str, AfterValidator(_email)]
Score = Annotated[float, Field(ge=0, le=100)]


class NodeRef(BaseModel):
    """A pointer to a node: its label and id."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    label: str
    id: EntityId


class GraphNode(BaseModel):
    """Every node has a stable id, creation/update times and the import rows it came from."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, validate_assignment=True)

    LABEL: ClassVar[str] = ""

    id: EntityId
    created_at: UtcDatetime
    updated_at: UtcDatetime
    sources: list[str] = Field(default_factory=list)
    # Fields a person changed in Rapport (API / dashboards): a later import fills them only
    # where they are empty, never overwrites them ("newest wins unless edited by hand").
    edited_fields: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _updated_not_before_created(self) -> GraphNode:
        if self.updated_at < self.created_at:
            raise ValueError("updated_at is before created_at")
        return self

    @property
    def ref(self) -> NodeRef:
        return NodeRef(label=self.LABEL, id=self.id)


class GraphEdge(BaseModel):
    """A relationship between two nodes; ENDPOINTS lists the label pairs it may join."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    TYPE: ClassVar[str] = ""
    ENDPOINTS: ClassVar[frozenset[tuple[str, str]]] = frozenset()

    src: NodeRef
    dst: NodeRef
    sources: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _endpoints_allowed(self) -> GraphEdge:
        pair = (self.src.label, self.dst.label)
        if pair not in self.ENDPOINTS:
            allowed = ", ".join(f"{a}->{b}" for a, b in sorted(self.ENDPOINTS))
            raise ValueError(f"{self.TYPE} cannot join {pair[0]}->{pair[1]} (allowed: {allowed})")
        if self.src == self.dst:
            raise ValueError(f"{self.TYPE} cannot join a node to itself ({self.src.id})")
        return self

    @property
    def identity(self) -> tuple[str, str, str]:
        """Identity of the relationship: there is at most one per type and ordered pair."""
        return (self.TYPE, self.src.id, self.dst.id)


def temporal_kind(annotation: Any) -> str | None:
    """'date' or 'datetime' when a field holds that type (maybe Optional/Annotated), else None."""
    if annotation is datetime:
        return "datetime"
    if annotation is date:
        return "date"
    for arg in get_args(annotation):
        kind = temporal_kind(arg)
        if kind:
            return kind
    return None

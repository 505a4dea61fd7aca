"""The commit plan of a chunk of rows: planned nodes and relationships, field by field, and
the value helpers that compare what an export says with what the graph holds."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from typing import Any, NamedTuple

from pydantic import BaseModel

from graph.imports.models import Draft, ProbableDuplicate
from graph.model import NODE_BY_LABEL
from graph.model.base import GraphNode
from graph.rows import iso

LIST_UNION = ("emails", "external_ids", "origins", "sources")
_ISO_UTC = re.compile(r"^\d{4}-\d\d-\d\dT[\d:.]+(Z|\+00:00)$")
_PLAIN = frozenset({int, float, bool, type(None), list})


def jsonable(props: dict[str, Any]) -> dict[str, Any]:
    """Graph properties as JSON: temporal values tagged so undo can restore their type."""
    out: dict[str, Any] = {}
    for key, value in props.items():
        if isinstance(value, datetime):
            out[key] = {"$datetime": norm_iso(value)}
        elif isinstance(value, date):
            out[key] = {"$date": value.isoformat()}
        else:
            out[key] = value
    return out


def norm_iso(value: datetime) -> str:
    return str(iso(value))


def comparable(value: Any) -> Any:
    """A value as compared with another: temporal values as naive UTC ISO text."""
    kind = type(value)
    if kind is str:  # most values: only ISO text with a UTC suffix changes
        if len(value) > 12 and value[10] == "T" and _ISO_UTC.match(value):
            return value.removesuffix("Z").removesuffix("+00:00")
        return value
    if kind in _PLAIN:
        return value
    if isinstance(value, dict) and len(value) == 1:
        tag, text = next(iter(value.items()))
        if tag in ("$datetime", "$date"):
            return text
    if isinstance(value, datetime):
        return norm_iso(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str) and _ISO_UTC.match(value):
        return value.removesuffix("Z").removesuffix("+00:00")
    return value


def union(old: list[Any] | None, new: list[Any]) -> list[Any]:
    """`old` then what `new` adds to it, in order."""
    return list(old or []) + [v for v in new if v not in (old or [])]


@dataclass(slots=True)
class PlannedNode:
    label: str
    node_id: str
    action: str  # new | update
    before: dict[str, Any] | None  # JSON-tagged graph properties (updates)
    incoming: dict[str, Any] = field(default_factory=dict)
    external_ids: list[str] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)
    merged: bool = False
    company: str | None = None
    fill_only: set[str] = field(default_factory=set)  # keys set only where missing
    # Planned in an earlier chunk of the same batch: here only so its rows' relationships
    # can point at it; what it holds was planned (and counted) there.
    carried: bool = False
    # Written by an earlier chunk of the same batch: the first row that named a field keeps
    # it (as within one chunk), later rows only fill what is still empty.
    repeat: bool = False
    frozen: dict[str, Any] | None = None  # changes() once the plan is complete (see freeze)

    @property
    def name(self) -> str:
        props = {**(self.before or {}), **self.incoming}
        return str(props.get("name") or props.get("subject") or self.node_id)

    def changed(self) -> bool:
        """Whether the node has anything to write (no copy of a frozen plan's changes)."""
        return bool(self.frozen) if self.frozen is not None else bool(self.changes())

    def changes(self) -> dict[str, Any]:
        """The properties to write: all of them for a new node, else only what differs."""
        if self.frozen is not None:
            return dict(self.frozen)  # a copy: the commit pops and adds keys
        if self.carried:
            return {}
        props = {k: comparable(v) for k, v in self.incoming.items()}
        if self.external_ids:
            props["external_ids"] = self.external_ids
        if self.action == "new":
            return props
        before = self.before or {}
        by_hand = set(before.get("edited_fields") or ())
        changed: dict[str, Any] = {}
        for key, value in props.items():
            old = comparable(before.get(key))
            if key in by_hand and old not in (None, "", []):
                continue  # edited in Rapport by a person: an export never overwrites it
            if key in LIST_UNION and isinstance(value, list):
                merged = union(old, value)
                if merged != (old or []):
                    changed[key] = merged
            elif key == "email" and old and old != value:
                continue  # never replace a primary email: it was added to `emails` instead
            elif (key in self.fill_only or self.repeat) and old not in (None, "", []):
                continue
            elif value is not None and old != value:
                changed[key] = value
        return changed

    def absorb(self, draft: Draft) -> str | None:
        """Take in what one more row says about this node; a conflict message when its
        primary email differs from the one kept."""
        if draft.company and not self.company:
            self.company = draft.company
        for x in draft.external_ids:
            if x not in self.external_ids:
                self.external_ids.append(x)
        for key in draft.props:
            if draft.fill_only and key not in self.incoming:
                self.fill_only.add(key)
            elif not draft.fill_only:
                self.fill_only.discard(key)
        for key, value in draft.props.items():
            current = self.incoming.get(key)
            if key in LIST_UNION and isinstance(value, list):
                self.incoming[key] = union(current, value)
            elif current is None:
                self.incoming[key] = value
        primary = draft.props.get("email")
        existing = (self.before or {}).get("email") or self.incoming.get("email")
        if not (primary and existing and primary != existing):
            return None
        emails = self.incoming.setdefault("emails", [])
        for e in (existing, primary):
            if e not in emails:
                emails.append(e)
        self.incoming["email"] = existing
        return (f"{self.label} {self.name} ({self.node_id}): email {primary} differs from "
                f"{existing}; kept {existing} as primary and added {primary} to emails")


@dataclass(slots=True)
class PlannedEdge:
    type: str
    src_label: str
    src_id: str
    dst_label: str
    dst_id: str
    incoming: dict[str, Any]
    before: dict[str, Any] | None
    rows: list[int] = field(default_factory=list)
    repeat: bool = False  # planned by an earlier chunk too: only fills what is empty
    frozen: dict[str, Any] | None = None  # changes() once the plan is complete

    def changed(self) -> bool:
        return bool(self.frozen) if self.frozen is not None else bool(self.changes())

    def changes(self) -> dict[str, Any]:
        if self.frozen is not None:
            return dict(self.frozen)  # a copy: the commit pops and adds keys
        incoming = {k: comparable(v) for k, v in self.incoming.items()}
        if self.before is None:
            return incoming
        changed: dict[str, Any] = {}
        for key, value in incoming.items():
            old = comparable(self.before.get(key))
            if key in LIST_UNION and isinstance(value, list):
                merged = union(old, value)
                if merged != (old or []):
                    changed[key] = merged
            elif key == "first_seen" and old and value and str(old) <= str(value):
                continue  # keep the earliest first-seen
            elif self.repeat and old not in (None, "", []):
                continue
            elif value is not None and old != value:
                changed[key] = value
        return changed

    def absorb(self, props: dict[str, Any]) -> None:
        for k, v in props.items():
            if k in LIST_UNION and isinstance(v, list):
                self.incoming[k] = union(self.incoming.get(k), v)
            elif k == "first_seen" and self.incoming.get(k):
                self.incoming[k] = min(self.incoming[k], v)
            else:
                self.incoming.setdefault(k, v)


@dataclass
class Plan:
    nodes: dict[str, PlannedNode] = field(default_factory=dict)
    edges: dict[tuple[str, str, str], PlannedEdge] = field(default_factory=dict)
    duplicates: list[ProbableDuplicate] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    rejected: dict[int, dict[str, str]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    in_file_duplicates: dict[str, int] = field(default_factory=dict)
    # Touches something an earlier chunk of the batch writes: planned before that write,
    # it is not what approve (which commits chunk by chunk) would plan, so it is not kept.
    dependent: bool = False

    def count_duplicate(self, label: str) -> None:
        self.in_file_duplicates[label] = self.in_file_duplicates.get(label, 0) + 1


class Earlier(NamedTuple):
    """A node planned in an earlier chunk of the batch: enough to resolve later rows to it
    and to judge it as a probable duplicate, without holding its plan."""

    label: str
    action: str
    ref: str  # "row:N" for a node the batch creates, else its id
    name: str | None = None
    company: str | None = None
    email: str | None = None


def canonical_props(props: dict[str, Any]) -> dict[str, Any]:
    """A node's properties without what the indexer derives from them (the vector and its
    bookkeeping): an import never diffs or restores those; an undo that puts a node's old
    properties back leaves it unindexed, and the next `rapport index` embeds it again."""
    return {k: v for k, v in props.items()
            if not k.startswith("embedding") and k != "last_indexed"}


def edge_key(rel_type: str, src_label: str, dst_label: str) -> str:
    """A relationship kind as the change log and the import's queries name it."""
    return f"{rel_type.lower()}__{src_label.lower()}__{dst_label.lower()}"


def edge_query_key(edge: PlannedEdge) -> str:
    return edge_key(edge.type, edge.src_label, edge.dst_label)


@cache
def model_field_names(model: type[BaseModel]) -> frozenset[str]:
    return frozenset(model.model_fields)  # pydantic's class property is slow to read


def full_model(label: str, node_id: str, props: dict[str, Any], now: datetime) -> GraphNode:
    """A new node with the model's defaults (validation already passed on the draft)."""
    model = NODE_BY_LABEL[label]
    fields = model_field_names(model)
    known = {k: v for k, v in props.items() if k in fields}
    return model.model_validate({**known, "id": node_id, "created_at": now, "updated_at": now})

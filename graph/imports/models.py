"""What the import pipeline passes between its steps, and what it shows the user."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from graph import jsontext

# progress(phase, rows done, rows in all when known): called after each chunk of a batch.
Progress = Callable[[str, int, "int | None"], None]


@dataclass(slots=True)
class Draft:
    """One canonical node a row yields, before identity resolution.

    `key` names it within its row ("contact", "account" ...); `props` are canonical fields as
    JSON values; `fixed_id` points at an existing node (the --as member, edge-list ends).
    Drafts, edge drafts and mapped rows are plain slotted dataclasses: a large file makes
    millions of them, their values are already checked by the canonical models, and they
    are staged as JSON (`row_json`) and read back as they were (`trusted_row`)."""

    key: str
    label: str
    props: dict[str, Any] = field(default_factory=dict)
    external_ids: list[str] = field(default_factory=list)
    company: str | None = None
    fixed_id: str | None = None
    fill_only: bool = False  # weak evidence (a mail display name): never overwrites a value


@dataclass(slots=True)
class EdgeDraft:
    type: str
    src: str
    dst: str
    props: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class MappedRow:
    row: int
    entities: list[Draft] = field(default_factory=list)
    edges: list[EdgeDraft] = field(default_factory=list)
    unmapped: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def row_json(row: MappedRow) -> str:
    """A mapped row as the JSON text staged in `raw_row.mapped`: fields at their defaults
    are left out (a mailbox stages a few drafts per message; approve reads them back)."""
    data: dict[str, Any] = {"row": row.row, "entities": [_draft_json(d) for d in row.entities]}
    if row.edges:
        data["edges"] = [{"type": e.type, "src": e.src, "dst": e.dst, "props": e.props}
                         if e.props else {"type": e.type, "src": e.src, "dst": e.dst}
                         for e in row.edges]
    for name in ("unmapped", "errors", "notes"):
        if getattr(row, name):
            data[name] = getattr(row, name)
    return jsontext.dumps(data)


def _draft_json(d: Draft) -> dict[str, Any]:
    out: dict[str, Any] = {"key": d.key, "label": d.label}
    if d.props:
        out["props"] = d.props
    if d.external_ids:
        out["external_ids"] = d.external_ids
    if d.company is not None:
        out["company"] = d.company
    if d.fixed_id is not None:
        out["fixed_id"] = d.fixed_id
    if d.fill_only:
        out["fill_only"] = True
    return out


def trusted_row(data: dict[str, Any]) -> MappedRow:
    """A mapped row read back from the evidence store: it was checked when it was staged."""
    return MappedRow(
        row=int(data["row"]),
        entities=[Draft(**d) for d in data.get("entities", ())],
        edges=[EdgeDraft(**e) for e in data.get("edges", ())],
        unmapped=data.get("unmapped") or {}, errors=data.get("errors") or {},
        notes=data.get("notes") or [])


class EntityCounts(BaseModel):
    new: int = 0
    updated: int = 0
    merged: int = 0
    unchanged: int = 0
    duplicates_in_file: int = 0


class ProbableDuplicate(BaseModel):
    row: int
    label: str
    name: str
    candidate_id: str
    candidate_name: str
    score: float
    reason: str
    merged: bool
    number: int | None = None  # stable within the batch: `rapport import resolve BATCH N`
    candidate_ref: str = ""  # the candidate's node id, or "row:N" for one from the same file
    decision: Literal["merge", "split"] | None = None  # the user's; None = the default


class DuplicateDecisionRequest(BaseModel):
    """Merge the incoming row into the candidate, or keep it apart (a new node)."""

    decision: Literal["merge", "split"]


class DuplicateDecisionResult(BaseModel):
    batch_id: int
    number: int
    decision: Literal["merge", "split"]
    duplicate: ProbableDuplicate


class RejectedInfo(BaseModel):
    row: int
    reasons: dict[str, str]


class ImportProgress(BaseModel):
    """How far a commit (or a stage) has got: rows done of rows in all, after each chunk."""

    phase: Literal["stage", "commit"]
    done: int
    total: int | None = None
    at: datetime | None = None


class Preview(BaseModel):
    """What a batch would do (staged) or did (committed) to the graph."""

    batch_id: int
    status: Literal["staged", "approved", "committed", "undone"]
    profile: str
    file_name: str
    sha256: str
    member_id: str | None = None
    rows: int
    rejected: int
    nodes: dict[str, EntityCounts] = Field(default_factory=dict)
    relationships: dict[str, EntityCounts] = Field(default_factory=dict)
    probable_duplicates: list[ProbableDuplicate] = Field(default_factory=list)
    conflicts: list[str] = Field(default_factory=list)
    unmapped_columns: list[str] = Field(default_factory=list)
    rejected_rows: list[RejectedInfo] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    already_imported: bool = False
    detected_profile_confidence: float | None = None
    progress: ImportProgress | None = None



class UndoResult(BaseModel):
    batch_id: int
    deleted_nodes: int
    restored_nodes: int
    deleted_relationships: int
    restored_relationships: int

"""What the import pipeline passes between its steps, and what it shows the user."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field


class Draft(BaseModel):
    """One canonical node a row yields, before identity resolution.

    `key` names it within its row ("contact", "account" ...); `props` are canonical fields as
    JSON values; `fixed_id` points at an existing node (the --as member, edge-list ends)."""

    key: str
    label: str
    props: dict[str, Any] = Field(default_factory=dict)
    external_ids: list[str] = Field(default_factory=list)
    company: str | None = None
    fixed_id: str | None = None
    fill_only: bool = False  # weak evidence (a mail display name): never overwrites a value


class EdgeDraft(BaseModel):
    type: str
    src: str
    dst: str
    props: dict[str, Any] = Field(default_factory=dict)


class MappedRow(BaseModel):
    row: int
    entities: list[Draft] = Field(default_factory=list)
    edges: list[EdgeDraft] = Field(default_factory=list)
    unmapped: dict[str, str] = Field(default_factory=dict)
    errors: dict[str, str] = Field(default_factory=dict)
    notes: list[str] = Field(default_factory=list)


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


class UndoResult(BaseModel):
    batch_id: int
    deleted_nodes: int
    restored_nodes: int
    deleted_relationships: int
    restored_relationships: int

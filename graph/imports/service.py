"""The import pipeline: read -> map -> validate -> resolve -> stage -> preview -> approve ->
commit -> (undo). Raw rows, rejected rows and what a commit changed live in the evidence
store (PostgreSQL); the graph only receives canonical nodes and relationships, each with the
rows it came from in `sources` ("import:<batch>:<row>"). Writing a plan to the graph is
`graph.imports.commit`, reverting it `graph.imports.undo`."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from datetime import UTC, datetime
from functools import partial
from itertools import islice
from typing import Any, TypeVar

from graph.errors import InvalidInput, NotFound
from graph.evidence import BatchSummary, EvidenceStore, StagedRow
from graph.evidence.settings import EvidenceSettings, get_evidence_settings
from graph.gcpause import cyclic_gc_paused
from graph.imports.ahead import AHEAD_MIN_BYTES, EncodedRow, ParseJob, RowsAhead
from graph.imports.approval import Approval
from graph.imports.errors import BatchStateError, ImportFormatError
from graph.imports.mapping import Mapping
from graph.imports.models import (
    DuplicateDecisionResult,
    EntityCounts,
    ImportProgress,
    MappedRow,
    Preview,
    ProbableDuplicate,
    Progress,
    RejectedInfo,
    UndoResult,
    row_json,
)
from graph.imports.profiles import detect, get_profile
from graph.imports.resolve import Resolver
from graph.imports.stored import PlanSpill
from graph.imports.tally import BatchTally
from graph.imports.undo import revert
from graph.model import Member
from graph.rows import node_row
from graph.store import GraphStore
from graph.store.base import WriteMark

T = TypeVar("T")
RawSource = dict[str, str] | EncodedRow  # a row's raw record, or its cells read ahead


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class ImportService:
    """Stage, preview, approve (commit) and undo import batches."""

    def __init__(self, store: GraphStore, evidence: EvidenceStore,
                 settings: EvidenceSettings | None = None, *, batch_size: int = 5000,
                 chunk_rows: int = 10_000, ahead_min_bytes: int = AHEAD_MIN_BYTES,
                 clock: Callable[[], datetime] | None = None) -> None:
        self.store = store
        self.chunk_rows = chunk_rows  # rows planned at once: bounds memory on large files
        self.evidence = evidence
        self.settings = settings or get_evidence_settings()
        self.batch_size = batch_size
        # A file this large is read by a second process while this one resolves it.
        self.ahead_min_bytes = ahead_min_bytes
        self.clock = clock or (lambda: datetime.now(UTC))

    # -- stage -----------------------------------------------------------------------------
    def stage(self, profile: str, file_name: str, data: bytes, *, member: str | None = None,
              mapping: Mapping | None = None, actor: str = "cli",
              progress: Progress | None = None) -> Preview:
        """Read, map, validate and resolve a file, then stage it. Nothing is written
        anywhere when the file is unreadable, even half-way; the same file again is a
        no-op. `progress(phase, rows done, rows in all or None)` is called per chunk."""
        with cyclic_gc_paused():
            return self._stage(profile, file_name, data, member=member, mapping=mapping,
                               actor=actor, progress=progress)

    def _stage(self, profile: str, file_name: str, data: bytes, *, member: str | None,
               mapping: Mapping | None, actor: str, progress: Progress | None) -> Preview:
        confidence: float | None = None
        if profile == "auto":
            chosen, confidence = detect(data, max_columns=self.settings.import_max_columns)
        else:
            chosen = get_profile(profile)
        if chosen.name == "generic" and mapping is None:
            raise ImportFormatError("the generic profile needs a mapping manifest (--mapping)")
        effective = chosen.mapping.with_overrides(mapping) if mapping else chosen.mapping
        digest = sha256(data)
        existing = self.evidence.live_batch(chosen.name, digest)
        if existing is not None:
            preview = self.preview(existing.id)
            preview.already_imported = True
            return preview
        mark = self.store.write_mark()  # before the first graph read the plans rest on
        member_id = self.find_member(member) if member else None
        if chosen.needs_member and member_id is None:
            raise InvalidInput(f"a {chosen.description} import belongs to a member: "
                               "pass --as MEMBER (id, email or name)")
        members = ({str(r["email"]): str(r["id"]) for r in self.store.read("imports/members")
                    if r.get("email")} if chosen.needs_members else None)
        # The file's shape is checked here, before anything is written.
        parsed = chosen.parse(data, mapping=effective, member_id=member_id,
                              max_columns=self.settings.import_max_columns, members=members)
        tally = BatchTally()
        tally.note(parsed.notes)
        records: Iterator[tuple[MappedRow, RawSource]] = parsed.records
        del parsed  # read ahead, the records here (a CSV's decoded text) are let go
        spill = PlanSpill()
        if mark is None:
            spill.abandon()
        with ExitStack() as stack:
            stack.callback(spill.abandon)
            if len(data) >= self.ahead_min_bytes:
                records = stack.enter_context(RowsAhead(ParseJob(
                    chosen.name, data, effective, member_id,
                    self.settings.import_max_columns, members))).records()
            batch_id = self.evidence.create_batch(
                profile=chosen.name, file_name=file_name, sha256=digest, member_id=member_id,
                actor=actor,
                options={"confidence": confidence} if confidence is not None else {},
                rows=self._planned_rows(records, tally, progress, spill),
                summary=lambda: self._summary(tally, confidence, mark, spill))
        return self.preview(batch_id)

    def _summary(self, tally: BatchTally, confidence: float | None, mark: WriteMark | None,
                 spill: PlanSpill) -> BatchSummary:
        """The batch's summary, with its plans when approve may reuse them: every chunk
        kept, and no write to the graph while they were made."""
        summary = tally.summary(confidence)
        if mark is not None and spill.usable and self.store.write_mark() == mark:
            summary.plan_mark = mark.text()
            summary.plans = spill.lines()
        return summary

    def _planned_rows(self, records: Iterator[tuple[MappedRow, RawSource]], tally: BatchTally,
                      progress: Progress | None, spill: PlanSpill) -> Iterator[StagedRow]:
        """Staged rows, a chunk at a time: each chunk is resolved (against the graph and
        the earlier chunks) and counted, its plan spilled for approve, then copied to the
        evidence store and dropped."""
        resolver = Resolver(self.store, settle=True)
        for chunk in _batched(records, self.chunk_rows):
            rows = [r for r, _ in chunk]
            plan = resolver.plan(rows)
            tally.add(plan, rows)
            accepted = sum(1 for r in rows if not r.errors)
            # A row rejected while resolving was half planned; approve never sees it.
            if plan.dependent or len(plan.rejected) > len(rows) - accepted:
                spill.abandon()
            spill.add(plan, accepted)
            for row, raw in chunk:
                yield _staged(row, raw, rejected=row.row in plan.rejected)
            if progress is not None:
                progress("stage", tally.rows, None)

    def find_member(self, query: str) -> str:
        found = self.store.read("imports/find_member", {"q": query})
        if not found:
            raise NotFound(f"no member {query!r}",
                           hint="add one with: rapport member add NAME EMAIL")
        if len(found) > 1:
            raise InvalidInput(f"several members match {query!r}: use the id or email")
        return str(found[0]["id"])

    def add_member(self, name: str, email: str, *, title: str | None = None,
                   business_unit: str | None = None, actor: str = "cli") -> Member:
        now = self.clock()
        key = hashlib.sha256(email.strip().lower().encode()).hexdigest()[:12]
        member = Member(id=f"mem_{key}", name=name, email=email, title=title,
                        business_unit=business_unit, created_at=now, updated_at=now,
                        sources=["manual"])
        if self.store.read("imports/find_member", {"q": member.email}):
            raise BatchStateError(f"a member with email {member.email} already exists")
        self.store.write_rows("load/nodes/member", [node_row(member)])
        self.evidence.audit(actor, "member.add", f"member:{member.id}",
                            {"name": member.name, "email": member.email})
        return member

    # -- preview / status ------------------------------------------------------------------
    def preview(self, batch_id: int) -> Preview:
        batch = self.evidence.batch(batch_id)
        p = batch.preview
        return Preview(
            batch_id=batch.id, status=batch.status, profile=batch.profile,
            file_name=batch.file_name, sha256=batch.sha256, member_id=batch.member_id,
            rows=batch.row_count, rejected=batch.rejected_count,
            nodes={k: EntityCounts.model_validate(v) for k, v in p.get("nodes", {}).items()},
            relationships={k: EntityCounts.model_validate(v)
                           for k, v in p.get("relationships", {}).items()},
            probable_duplicates=self._with_decisions(batch_id, p),
            conflicts=list(p.get("conflicts", [])),
            unmapped_columns=list(p.get("unmapped_columns", [])),
            rejected_rows=[RejectedInfo(row=r.row_number, reasons=r.reasons)
                           for r in self.evidence.rejected(batch_id)],
            notes=list(p.get("notes", [])),
            detected_profile_confidence=batch.options.get("confidence"),
            progress=ImportProgress.model_validate(batch.progress) if batch.progress else None)

    def _with_decisions(self, batch_id: int, summary: dict[str, Any]
                        ) -> list[ProbableDuplicate]:
        dups = [ProbableDuplicate.model_validate(d)
                for d in summary.get("probable_duplicates", [])]
        decided = self.evidence.decisions(batch_id) if dups else {}
        for d in dups:
            choice = decided.get((d.row, d.candidate_ref))
            if choice is not None:
                d.decision = "merge" if choice == "merge" else "split"
        return dups

    # -- probable duplicates: the user decides ---------------------------------------------
    def decide_duplicate(self, batch_id: int, number: int, decision: str, *,
                         actor: str = "cli") -> DuplicateDecisionResult:
        """Merge (the row updates the candidate) or split (a new node) probable duplicate
        `number` of a staged batch; approve honours it."""
        if decision not in ("merge", "split"):
            raise InvalidInput(f"decision must be merge or split, not {decision!r}")
        batch = self.evidence.batch(batch_id)
        dup = next((d for d in self._with_decisions(batch_id, batch.preview)
                    if d.number == number), None)
        if dup is None:
            raise NotFound(f"batch {batch_id} has no probable duplicate {number}",
                           hint=f"see them with: rapport import preview {batch_id}")
        if batch.status != "staged":
            raise BatchStateError(f"batch {batch_id} is {batch.status}; duplicates can only "
                                  "be decided while it is staged")
        self.evidence.set_decision(batch_id, number=number, row=dup.row,
                                   candidate_ref=dup.candidate_ref, decision=decision,
                                   actor=actor)
        dup.decision = "merge" if decision == "merge" else "split"
        return DuplicateDecisionResult(batch_id=batch_id, number=number,
                                       decision=dup.decision, duplicate=dup)

    # -- approve / commit ------------------------------------------------------------------
    def approve(self, batch_id: int, *, actor: str = "cli",
                progress: Progress | None = None) -> Preview:
        """Approve a staged batch and commit it to the graph, a chunk of rows at a time
        (each chunk's changes are recorded before it is written); if any chunk fails,
        everything the batch wrote is reverted and it is staged again."""
        with cyclic_gc_paused():
            return self._approve(batch_id, actor=actor, progress=progress)

    def _approve(self, batch_id: int, *, actor: str, progress: Progress | None) -> Preview:
        batch = self.evidence.batch(batch_id)
        self.evidence.set_status(batch_id, "approved", actor=actor, expect=("staged",))
        approval = Approval(self.store, self.evidence, batch, batch_size=self.batch_size,
                            chunk_rows=self.chunk_rows, clock=self.clock, progress=progress)
        try:
            changes, tally = approval.commit()
        except BaseException:
            revert(self.store, partial(self.evidence.change_pages, batch_id),
                   batch_size=self.batch_size)
            self.evidence.clear_changes(batch_id)
            self.evidence.set_status(batch_id, "staged", actor=actor,
                                     details={"reason": "commit failed, reverted"})
            raise
        if tally is not None:  # resolved again: the counts are what this commit planned
            summary = {**batch.preview, **tally.counts(),
                       "probable_duplicates": [d.model_dump() for d in tally.duplicates],
                       "conflicts": tally.conflicts}
            self.evidence.update_preview(batch_id, summary, tally.counts())
        self.evidence.set_status(batch_id, "committed", actor=actor,
                                 details={"changes": changes})
        self.evidence.drop_plans(batch_id)
        return self.preview(batch_id)

    # -- undo ------------------------------------------------------------------------------
    def undo(self, batch_id: int, *, actor: str = "cli") -> UndoResult:
        """Remove what the batch created and restore what it changed."""
        batch = self.evidence.batch(batch_id)
        if batch.status != "committed":
            raise BatchStateError(f"batch {batch_id} is {batch.status}; only a committed "
                                  "batch can be undone")
        later = self.evidence.later_batches_touching(batch_id)
        if later:
            raise BatchStateError(
                f"batch {batch_id} cannot be undone before the later batches that changed the "
                f"same records: undo {', '.join(map(str, reversed(later)))} first")
        result = revert(self.store, partial(self.evidence.change_pages, batch_id),
                        batch_id=batch_id, batch_size=self.batch_size)
        self.evidence.set_status(batch_id, "undone", actor=actor, expect=("committed",),
                                 details=result.model_dump())
        return result


def _staged(row: MappedRow, raw: RawSource, *, rejected: bool) -> StagedRow:
    """A row as staged: its mapped JSON is kept only for a row approve may commit."""
    if isinstance(raw, EncodedRow):
        return StagedRow(
            row_number=row.row, raw={}, mapped=None, unmapped={}, raw_json=raw.raw,
            mapped_json=None if rejected else raw.mapped, unmapped_json=raw.unmapped)
    return StagedRow(
        row_number=row.row, raw=raw, mapped=None, unmapped=row.unmapped, raw_json=None,
        mapped_json=None if rejected else row_json(row), unmapped_json=None)


def _batched(items: Iterator[T], size: int) -> Iterator[list[T]]:
    while chunk := list(islice(items, size)):
        yield chunk

"""The import pipeline: read -> map -> validate -> resolve -> stage -> preview -> approve ->
commit -> (undo). Raw rows, rejected rows and what a commit changed live in the evidence
store (PostgreSQL); the graph only receives canonical nodes and relationships, each with the
rows it came from in `sources` ("import:<batch>:<row>")."""

from __future__ import annotations

import hashlib
import json
import uuid
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import UTC, datetime
from functools import lru_cache
from itertools import islice
from typing import Any, TypeVar

from graph.errors import InvalidInput, NotFound
from graph.evidence import Change, EvidenceStore, StagedRow
from graph.evidence.settings import EvidenceSettings, get_evidence_settings
from graph.gcpause import cyclic_gc_paused
from graph.imports.errors import BatchStateError, ImportFormatError
from graph.imports.mapping import Mapping
from graph.imports.models import (
    DuplicateDecisionResult,
    EntityCounts,
    ImportProgress,
    Preview,
    ProbableDuplicate,
    Progress,
    RejectedInfo,
    UndoResult,
    row_json,
    trusted_row,
)
from graph.imports.profiles import Record, detect, get_profile
from graph.imports.resolve import (
    Plan,
    PlannedEdge,
    Resolver,
    comparable,
    edge_query_key,
    full_model,
)
from graph.imports.tally import BatchTally
from graph.model import (
    EDGE_BY_TYPE,
    NODE_BY_LABEL,
    HasStageChange,
    Member,
    NodeRef,
    StageChange,
)
from graph.rows import edge_row, iso, node_row, temporal_fields
from graph.store import GraphStore
from graph.store.base import PreparedWrite

T = TypeVar("T")
_NODE_ORDER = ("Account", "Contact", "Deal", "StageChange", "Interaction")
_PREFETCH = 2  # chunks serialised ahead of the one being written: bounds memory


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _node_temporal(label: str) -> tuple[str, ...]:
    return tuple(f for f in temporal_fields(NODE_BY_LABEL[label])
                 if f not in ("created_at", "updated_at"))


def _edge_temporal(rel_type: str) -> tuple[str, ...]:
    return temporal_fields(EDGE_BY_TYPE[rel_type])


def _untag(props: dict[str, Any], temporal: tuple[str, ...]) -> dict[str, Any]:
    """A restore row: plain properties in `props`, temporal ones beside it as ISO text."""
    plain: dict[str, Any] = {}
    row: dict[str, Any] = dict.fromkeys(temporal)
    for key, value in props.items():
        if isinstance(value, dict) and len(value) == 1 and next(iter(value)) in (
                "$date", "$datetime"):
            row[key] = next(iter(value.values()))
        else:
            plain[key] = value
    row["props"] = plain
    return row


class ImportService:
    """Stage, preview, approve (commit) and undo import batches."""

    def __init__(self, store: GraphStore, evidence: EvidenceStore,
                 settings: EvidenceSettings | None = None, *, batch_size: int = 5000,
                 chunk_rows: int = 10_000,
                 clock: Callable[[], datetime] | None = None) -> None:
        self.store = store
        self.chunk_rows = chunk_rows  # rows planned at once: bounds memory on large files
        self.evidence = evidence
        self.settings = settings or get_evidence_settings()
        self.batch_size = batch_size
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
        member_id = self.find_member(member) if member else None
        if chosen.needs_member and member_id is None:
            raise InvalidInput(f"a {chosen.description} import belongs to a member: "
                               "pass --as MEMBER (id, email or name)")
        members = ({str(r["email"]): str(r["id"]) for r in self.store.read("imports/members")
                    if r.get("email")} if chosen.needs_members else None)
        parsed = chosen.parse(data, mapping=effective, member_id=member_id,
                              max_columns=self.settings.import_max_columns, members=members)
        tally = BatchTally()
        tally.note(parsed.notes)
        batch_id = self.evidence.create_batch(
            profile=chosen.name, file_name=file_name, sha256=digest, member_id=member_id,
            actor=actor, options={"confidence": confidence} if confidence is not None else {},
            rows=self._planned_rows(parsed.records, tally, progress),
            summary=lambda: tally.summary(confidence))
        return self.preview(batch_id)

    def _planned_rows(self, records: Iterator[Record], tally: BatchTally,
                      progress: Progress | None) -> Iterator[StagedRow]:
        """Staged rows, a chunk at a time: each chunk is resolved (against the graph and
        the earlier chunks) and counted, then copied to the evidence store and dropped."""
        resolver = Resolver(self.store)
        for chunk in _batched(records, self.chunk_rows):
            rows = [r for r, _ in chunk]
            plan = resolver.plan(rows)
            tally.add(plan, rows)
            for row, raw in chunk:
                yield StagedRow(row_number=row.row, raw=raw, mapped=None,
                                mapped_json=row_json(row) if row.row not in plan.rejected
                                else None, unmapped=row.unmapped)
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
        tally = BatchTally([ProbableDuplicate.model_validate(d)
                            for d in batch.preview.get("probable_duplicates", [])])
        total = batch.row_count - batch.rejected_count
        try:
            changes = self._commit_chunks(batch_id, tally, total, progress)
        except BaseException:
            self._revert(self.evidence.changes(batch_id))
            self.evidence.clear_changes(batch_id)
            self.evidence.set_status(batch_id, "staged", actor=actor,
                                     details={"reason": "commit failed, reverted"})
            raise
        summary = {**batch.preview, **tally.counts(),
                   "probable_duplicates": [d.model_dump() for d in tally.duplicates],
                   "conflicts": tally.conflicts}
        self.evidence.update_preview(batch_id, summary, tally.counts())
        self.evidence.set_status(batch_id, "committed", actor=actor,
                                 details={"changes": changes})
        return self.preview(batch_id)

    def _commit_chunks(self, batch_id: int, tally: BatchTally, total: int,
                       progress: Progress | None) -> int:
        resolver = Resolver(self.store, self.evidence.decisions(batch_id))
        changes = 0
        for page in self.evidence.mapped_drafts(batch_id, page=self.chunk_rows):
            rows = [trusted_row(data) for _, data in page]
            plan = resolver.plan(rows)
            tally.add(plan, rows)
            changes += len(self._commit(batch_id, plan))
            # Kept on the batch too, so that another request (GET /v1/imports/{id}) sees it.
            self.evidence.set_progress(batch_id, "commit", tally.rows, total)
            if progress is not None:
                progress("commit", tally.rows, total)
        return changes

    def _commit(self, batch_id: int, plan: Plan) -> list[Change]:
        now = self.clock()
        now_iso = iso(now)
        changes: list[Change] = []
        node_rows: dict[str, list[dict[str, Any]]] = {}
        edge_rows: dict[str, list[dict[str, Any]]] = {}
        for node in plan.nodes.values():
            props = node.changes()
            if not props:
                continue
            refs = [f"import:{batch_id}:{r}" for r in node.rows]
            if node.action == "new":
                model = full_model(node.label, node.node_id, props, now)
                row = node_row(model)
                if node.external_ids:
                    row["props"]["external_ids"] = node.external_ids
                row["props"]["sources"] = refs
                changes.append(Change(kind="node", op="create", label=node.label,
                                      node_id=node.node_id, row_numbers=node.rows))
            else:
                before = node.before or {}
                old_sources = list(before.get("sources") or [])
                props["sources"] = old_sources + [r for r in refs if r not in old_sources]
                temporal = _node_temporal(node.label)
                row = {f: props.pop(f, None) for f in temporal}
                row["props"] = props
                row["id"] = node.node_id
                changes.append(Change(kind="node", op="update", label=node.label,
                                      node_id=node.node_id, before=before,
                                      row_numbers=node.rows))
            row["now"] = now_iso
            node_rows.setdefault(node.label, []).append(row)
            if node.label == "Deal" and node.action == "update" and "stage" in props:
                changes += self._stage_change(node.node_id, node.before or {}, props, row,
                                              now, refs, node.rows, node_rows, edge_rows)
        for edge in plan.edges.values():
            props = edge.changes()
            if not props and edge.before is not None:
                continue
            refs = [f"import:{batch_id}:{r}" for r in edge.rows]
            old_sources = list((edge.before or {}).get("sources") or [])
            if edge.before is None:
                row = self._new_edge_row(edge, props)
                row["props"]["sources"] = refs
            else:
                props["sources"] = old_sources + [r for r in refs if r not in old_sources]
                row = {f: props.pop(f, None) for f in _edge_temporal(edge.type)}
                row["props"] = props
                row["src"], row["dst"] = edge.src_id, edge.dst_id
            changes.append(Change(kind="edge", op="create" if edge.before is None else "update",
                                  label=edge_query_key(edge), rel_type=edge.type,
                                  src_label=edge.src_label, src_id=edge.src_id,
                                  dst_label=edge.dst_label, dst_id=edge.dst_id,
                                  before=edge.before, row_numbers=edge.rows))
            edge_rows.setdefault(edge_query_key(edge), []).append(row)
        # Record first: if the graph write stops half-way, the batch can still be reverted.
        self.evidence.record_changes(batch_id, changes)
        writes = [(f"imports/upsert/{label.lower()}", node_rows.get(label, []))
                  for label in _NODE_ORDER]
        writes += [(f"imports/upsert_edge/{key}", rows) for key, rows in edge_rows.items()]
        self._write(writes)
        return changes

    def _write(self, writes: list[tuple[str, list[dict[str, Any]]]]) -> None:
        """Send the named writes in order, in chunks, while a worker thread serialises the
        next chunks (as the bulk loader does): that Python work overlaps the engine's."""
        jobs = ((name, chunk) for name, rows in writes
                for chunk in _chunks(rows, self.batch_size))
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="rapport-import") as pool:
            ahead: deque[Future[PreparedWrite]] = deque(
                pool.submit(self.store.prepare_rows, *job) for job in islice(jobs, _PREFETCH))
            while ahead:
                prepared = ahead.popleft().result()
                job = next(jobs, None)
                if job is not None:
                    ahead.append(pool.submit(self.store.prepare_rows, *job))
                self.store.run_prepared(prepared)

    @staticmethod
    def _stage_change(deal_id: str, before: dict[str, Any], props: dict[str, Any],
                      deal_row: dict[str, Any], now: datetime, refs: list[str],
                      rows: list[int], node_rows: dict[str, list[dict[str, Any]]],
                      edge_rows: dict[str, list[dict[str, Any]]]) -> list[Change]:
        """A deal whose stage an import moves gets a StageChange (its stage history) and a
        new `stage_entered_at`; both go away with the batch's undo."""
        entered = comparable(before.get("stage_entered_at") or before.get("created_at"))
        days = None
        if isinstance(entered, str):
            started = datetime.fromisoformat(entered).replace(tzinfo=UTC)
            days = max(0.0, round((now - started).total_seconds() / 86400, 2))
        change = StageChange(id=f"sc_{uuid.uuid4().hex[:16]}", deal_id=deal_id,
                             from_stage=before.get("stage"), to_stage=props["stage"], at=now,
                             days_in_stage=days, created_at=now, updated_at=now,
                             sources=list(refs))
        deal_row["stage_entered_at"] = iso(now)
        row = node_row(change)
        row["now"] = iso(now)
        node_rows.setdefault("StageChange", []).append(row)
        edge = HasStageChange(src=NodeRef(label="Deal", id=deal_id),
                              dst=NodeRef(label="StageChange", id=change.id), sources=refs)
        edge_rows.setdefault("has_stage_change__deal__stagechange", []).append(edge_row(edge))
        return [Change(kind="node", op="create", label="StageChange", node_id=change.id,
                       row_numbers=rows),
                Change(kind="edge", op="create", label="has_stage_change__deal__stagechange",
                       rel_type="HAS_STAGE_CHANGE", src_label="Deal", src_id=deal_id,
                       dst_label="StageChange", dst_id=change.id, row_numbers=rows)]

    @staticmethod
    def _new_edge_row(edge: PlannedEdge, props: dict[str, Any]) -> dict[str, Any]:
        """The engine row of a new relationship: the model's check and defaults are the same
        for every edge of one type, ends' labels and properties (PARTICIPATED_IN has a
        handful of roles), so they are worked out once per distinct combination."""
        key = json.dumps(props, sort_keys=True, default=str)
        template = _edge_template(edge.type, edge.src_label, edge.dst_label, key)
        row = {**template, "props": dict(template["props"])}
        row["src"], row["dst"] = edge.src_id, edge.dst_id
        return row

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
        changes = self.evidence.changes(batch_id)
        result = self._revert(changes, batch_id)
        self.evidence.set_status(batch_id, "undone", actor=actor, expect=("committed",),
                                 details=result.model_dump())
        return result

    def _revert(self, changes: list[Change], batch_id: int = 0) -> UndoResult:
        result = UndoResult(batch_id=batch_id, deleted_nodes=0, restored_nodes=0,
                            deleted_relationships=0, restored_relationships=0)
        groups: dict[str, list[dict[str, Any]]] = {}
        for c in reversed(changes):
            if c.kind == "edge":
                assert c.rel_type is not None
                pair = {"src": c.src_id, "dst": c.dst_id}
                if c.op == "create":
                    groups.setdefault(f"imports/delete_edge/{c.label}", []).append(pair)
                    result.deleted_relationships += 1
                else:
                    row = _untag(c.before or {}, _edge_temporal(c.rel_type))
                    groups.setdefault(f"imports/restore_edge/{c.label}", []).append(
                        {**row, **pair})
                    result.restored_relationships += 1
        for c in reversed(changes):
            if c.kind == "node":
                if c.op == "create":
                    groups.setdefault(f"imports/delete/{c.label.lower()}", []).append(
                        {"id": c.node_id})
                    result.deleted_nodes += 1
                else:
                    row = _untag(c.before or {}, (*_node_temporal(c.label), "created_at",
                                                  "updated_at"))
                    row["id"] = c.node_id
                    groups.setdefault(f"imports/restore/{c.label.lower()}", []).append(row)
                    result.restored_nodes += 1
        self._write(list(groups.items()))  # edges first: dicts keep insertion order
        return result


@lru_cache(maxsize=4096)
def _edge_template(rel_type: str, src_label: str, dst_label: str, props_json: str
                   ) -> dict[str, Any]:
    """A new relationship's row for these props, checked by its model (placeholder ends)."""
    model = EDGE_BY_TYPE[rel_type]
    props = json.loads(props_json)
    known = {k: v for k, v in props.items() if k in model.model_fields}
    checked = model.model_validate({**known, "src": NodeRef(label=src_label, id="a-src"),
                                    "dst": NodeRef(label=dst_label, id="b-dst")})
    row = edge_row(checked)
    row["props"] = {k: v for k, v in row["props"].items() if v is not None}
    return row


def _chunks(rows: list[dict[str, Any]], size: int) -> list[list[dict[str, Any]]]:
    return [rows[i:i + size] for i in range(0, len(rows), size)]


def _batched(items: Iterator[T], size: int) -> Iterator[list[T]]:
    while chunk := list(islice(items, size)):
        yield chunk

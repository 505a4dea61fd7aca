"""EvidenceStore: typed access to the evidence tables (PostgreSQL, psycopg 3).

The connection is injected; `graph.evidence.open_evidence()` builds one from the settings.
Every method runs in its own transaction under a lock, so one store can serve the API's
worker threads.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.resources import files
from typing import Any, Literal

import psycopg
from psycopg.rows import dict_row
from psycopg.types.json import Jsonb
from pydantic import BaseModel, Field

from graph.errors import GraphConnectionError, InvalidInput, NotFound
from graph.evidence import copytext
from graph.evidence.copyqueue import BoundedQueuedWriter

BatchStatus = Literal["staged", "approved", "committed", "undone"]


class EvidenceUnavailable(GraphConnectionError):
    type = "evidence-unavailable"
    title = "Evidence store unavailable"


class BatchStateError(InvalidInput):
    """The batch is not in a state that allows the action (approve twice, undo uncommitted)."""

    status = 409
    type = "import-batch-state"
    title = "Import batch is not in the right state"


class BatchRecord(BaseModel):
    id: int
    profile: str
    file_name: str
    sha256: str
    member_id: str | None
    status: BatchStatus
    row_count: int
    rejected_count: int
    counts: dict[str, Any] = Field(default_factory=dict)
    preview: dict[str, Any] = Field(default_factory=dict)
    options: dict[str, Any] = Field(default_factory=dict)
    created_by: str | None
    created_at: datetime
    approved_at: datetime | None
    committed_at: datetime | None
    undone_at: datetime | None
    progress: dict[str, Any] = Field(default_factory=dict)
    plan_mark: str | None = None  # the graph's write mark its staged plans were made at


@dataclass(slots=True)
class StagedRow:
    """A raw row as staged. A plain dataclass: a mailbox stages 100,000s of them, and a
    pydantic model's construction was 3 % of its stage."""

    row_number: int
    raw: dict[str, Any]
    mapped: dict[str, Any] | None = None
    unmapped: dict[str, Any] = field(default_factory=dict)
    mapped_json: str | None = None  # `mapped` already serialised (the import's fast path)
    # `raw` and `unmapped` already serialised (a file read by a second process)
    raw_json: str | None = None
    unmapped_json: str | None = None


class RejectedRow(BaseModel):
    row_number: int
    reasons: dict[str, str]


class BatchSummary(BaseModel):
    """What a staged batch holds, known once its rows have all been read."""

    row_count: int
    rejected: list[RejectedRow] = Field(default_factory=list)
    counts: dict[str, Any] = Field(default_factory=dict)
    preview: dict[str, Any] = Field(default_factory=dict)
    # The staged plans (JSON text, one per chunk) and the graph write mark they were made
    # at; no plans when they cannot be reused.
    plan_mark: str | None = None
    plans: Iterable[str] = ()


@dataclass(slots=True)
class Change:
    """One node or relationship a commit created or updated (`before`: its old properties).
    A plain dataclass: a mailbox's commit makes one per relationship, 100,000s of them."""

    kind: Literal["node", "edge"]
    op: Literal["create", "update"]
    label: str
    node_id: str | None = None
    rel_type: str | None = None
    src_label: str | None = None
    src_id: str | None = None
    dst_label: str | None = None
    dst_id: str | None = None
    before: dict[str, Any] | None = None
    row_numbers: list[int] = field(default_factory=list)


class AuditEntry(BaseModel):
    at: datetime
    actor: str
    action: str
    target: str
    details: dict[str, Any]


_CHANGE_COLUMNS = ("kind, op, label, node_id, rel_type, src_label, src_id, dst_label, "
                   "dst_id, before, row_numbers")
_BATCH_COLUMNS = ("id, profile, file_name, sha256, member_id, status, row_count, "
                  "rejected_count, counts, preview, options, created_by, created_at, "
                  "approved_at, committed_at, undone_at, progress, plan_mark")


def _raw_line(batch_id: int, row: StagedRow) -> str:
    """A `raw_row` line for COPY; pre-serialised JSON text is copied as it is."""
    raw = copytext.json_cell_of(row.raw_json, row.raw)
    mapped = copytext.json_cell_of(row.mapped_json, row.mapped)
    unmapped = copytext.json_cell_of(row.unmapped_json, row.unmapped)
    return f"{batch_id}\t{row.row_number}\t{raw}\t{mapped}\t{unmapped}\n"


def _change_line(batch_id: int, c: Change) -> str:
    """A `batch_change` line for COPY."""
    cells = copytext.texts((c.kind, c.op, c.label, c.node_id, c.rel_type, c.src_label,
                            c.src_id, c.dst_label, c.dst_id))
    return "\t".join((str(batch_id), *cells, copytext.json_cell(c.before),
                      copytext.int_array(c.row_numbers))) + "\n"


_LATER_TOUCHING = """
WITH later AS (SELECT id FROM import_batch WHERE id > %(batch)s AND status = 'committed'),
mine AS (SELECT kind, node_id, rel_type, src_id, dst_id FROM batch_change
         WHERE batch_id = %(batch)s),
theirs AS (SELECT c.batch_id, c.kind, c.node_id, c.rel_type, c.src_id, c.dst_id
           FROM batch_change c JOIN later ON later.id = c.batch_id)
SELECT t.batch_id FROM theirs t JOIN mine m ON t.node_id = m.node_id
 WHERE t.kind = 'node' AND m.kind = 'node'
UNION
SELECT t.batch_id FROM theirs t
  JOIN mine m ON t.rel_type = m.rel_type AND t.src_id = m.src_id AND t.dst_id = m.dst_id
 WHERE t.kind = 'edge' AND m.kind = 'edge'
ORDER BY batch_id
"""


def migrations() -> list[tuple[int, str, str]]:
    """(version, name, sql) of every migrations/NNN_name.sql file, in order."""
    found = []
    for res in files("graph.evidence").joinpath("migrations").iterdir():
        if res.name.endswith(".sql") and res.name[:3].isdigit():
            found.append((int(res.name[:3]), res.name, res.read_text(encoding="utf-8")))
    return sorted(found)


class EvidenceStore:
    """Import batches, raw/rejected rows, batch changes and the audit trail."""

    def __init__(self, conn: psycopg.Connection[Any], *, location: str = "postgresql",
                 on_close: Any = None) -> None:
        self._conn = conn
        self._lock = threading.RLock()
        self.location = location
        self._on_close = on_close
        self.closed = False

    @contextmanager
    def _tx(self) -> Iterator[psycopg.Cursor[dict[str, Any]]]:
        if self.closed:
            raise EvidenceUnavailable("the evidence store is closed")
        with self._lock:
            try:
                with self._conn.transaction(), self._conn.cursor(row_factory=dict_row) as cur:
                    yield cur
            except psycopg.OperationalError as e:
                raise EvidenceUnavailable(f"evidence store: {e}".strip()) from e

    def transaction(self) -> AbstractContextManager[psycopg.Cursor[dict[str, Any]]]:
        """One transaction (dict rows) under the store's lock, for tables that other
        packages own (API keys, the API audit, the evidence vector index)."""
        return self._tx()

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        self._conn.close()
        if self._on_close is not None:
            self._on_close()

    # -- schema --------------------------------------------------------------------------
    def migrate(self) -> list[str]:
        """Apply the migrations not applied yet; returns their file names."""
        applied: list[str] = []
        found = migrations()
        if not found:
            raise EvidenceUnavailable(
                "no evidence-store migrations found in graph/evidence/migrations",
                hint="the package was installed without its .sql files (package-data)")
        with self._tx() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(7261)")  # one migrator at a time
            cur.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version integer "
                        "PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL "
                        "DEFAULT now())")
            cur.execute("SELECT version FROM schema_migrations")
            done = {int(r["version"]) for r in cur.fetchall()}
            for version, name, sql in found:
                if version in done:
                    continue
                cur.execute(sql.encode())
                cur.execute("INSERT INTO schema_migrations (version, name) VALUES (%s, %s)",
                            (version, name))
                applied.append(name)
        return applied

    def applied_migrations(self) -> list[int]:
        with self._tx() as cur:
            cur.execute("SELECT version FROM schema_migrations ORDER BY version")
            return [int(r["version"]) for r in cur.fetchall()]

    # -- batches -------------------------------------------------------------------------
    def live_batch(self, profile: str, sha256: str) -> BatchRecord | None:
        """The batch (not undone) that already holds this file for this profile."""
        with self._tx() as cur:
            cur.execute(f"SELECT {_BATCH_COLUMNS} FROM import_batch WHERE profile = %s "  # noqa: S608
                        "AND sha256 = %s AND status <> 'undone'", (profile, sha256))
            row = cur.fetchone()
        return BatchRecord.model_validate(row) if row else None

    def create_batch(self, *, profile: str, file_name: str, sha256: str,
                     member_id: str | None, actor: str, options: dict[str, Any],
                     rows: Iterable[StagedRow],
                     summary: BatchSummary | Callable[[], BatchSummary]) -> int:
        """Stage a batch with all its rows in one transaction: a failure half-way leaves
        nothing behind. `rows` may be a generator, copied as it yields (a large file is never
        held whole); `summary` may be a callable, asked once every row has been copied."""
        try:
            return self._create_batch(profile=profile, file_name=file_name, sha256=sha256,
                                      member_id=member_id, actor=actor, options=options,
                                      rows=rows, summary=summary)
        except psycopg.errors.UniqueViolation as e:
            live = self.live_batch(profile, sha256)
            which = f" as batch {live.id}" if live else ""
            raise BatchStateError(f"this file is already imported{which} "
                                  f"({profile}, sha256 {sha256[:12]}...)") from e

    def _create_batch(self, *, profile: str, file_name: str, sha256: str,
                      member_id: str | None, actor: str, options: dict[str, Any],
                      rows: Iterable[StagedRow],
                      summary: BatchSummary | Callable[[], BatchSummary]) -> int:
        with self._tx() as cur:
            cur.execute(
                "INSERT INTO import_batch (profile, file_name, sha256, member_id, row_count, "
                "rejected_count, counts, preview, options, created_by) VALUES "
                "(%s, %s, %s, %s, 0, 0, '{}', '{}', %s, %s) RETURNING id",
                (profile, file_name, sha256, member_id, Jsonb(options), actor))
            fetched = cur.fetchone()
            assert fetched is not None
            batch_id = int(fetched["id"])
            with cur.copy("COPY raw_row (batch_id, row_number, raw, mapped, unmapped) "
                          "FROM STDIN", writer=BoundedQueuedWriter(cur)) as copy:
                for block in copytext.blocks(_raw_line(batch_id, r) for r in rows):
                    copy.write(block)
            done = summary() if callable(summary) else summary
            cur.execute("UPDATE import_batch SET row_count = %s, rejected_count = %s, "
                        "counts = %s, preview = %s, plan_mark = %s WHERE id = %s",
                        (done.row_count, len(done.rejected), Jsonb(done.counts),
                         Jsonb(done.preview), done.plan_mark, batch_id))
            if done.plan_mark is not None:
                with cur.copy("COPY staged_plan (batch_id, chunk, plan) FROM STDIN") as copy:
                    for block in copytext.blocks(
                            (f"{batch_id}\t{n}\t{copytext.json_text(text)}\n"
                             for n, text in enumerate(done.plans)), size=1):
                        copy.write(block)
            cur.executemany(
                "INSERT INTO rejected_row (batch_id, row_number, reasons) VALUES (%s, %s, %s)",
                [(batch_id, r.row_number, Jsonb(r.reasons)) for r in done.rejected])
            self._audit(cur, actor, "stage", f"batch:{batch_id}",
                        {"profile": profile, "file": file_name, "sha256": sha256,
                         "rows": done.row_count, "rejected": len(done.rejected)})
        return batch_id

    def batch(self, batch_id: int) -> BatchRecord:
        with self._tx() as cur:
            cur.execute(f"SELECT {_BATCH_COLUMNS} FROM import_batch WHERE id = %s",  # noqa: S608
                        (batch_id,))
            row = cur.fetchone()
        if row is None:
            raise NotFound(f"no import batch {batch_id}")
        return BatchRecord.model_validate(row)

    def batches(self, limit: int = 50) -> list[BatchRecord]:
        with self._tx() as cur:
            cur.execute(f"SELECT {_BATCH_COLUMNS} FROM import_batch "  # noqa: S608
                        "ORDER BY id DESC LIMIT %s", (limit,))
            return [BatchRecord.model_validate(r) for r in cur.fetchall()]

    def rows(self, batch_id: int) -> list[StagedRow]:
        with self._tx() as cur:
            cur.execute("SELECT row_number, raw, mapped, unmapped FROM raw_row "
                        "WHERE batch_id = %s ORDER BY row_number", (batch_id,))
            return [StagedRow(**r) for r in cur.fetchall()]

    def rejected(self, batch_id: int) -> list[RejectedRow]:
        with self._tx() as cur:
            cur.execute("SELECT row_number, reasons FROM rejected_row WHERE batch_id = %s "
                        "ORDER BY row_number", (batch_id,))
            return [RejectedRow.model_validate(r) for r in cur.fetchall()]

    def update_preview(self, batch_id: int, preview: dict[str, Any],
                       counts: dict[str, Any]) -> None:
        with self._tx() as cur:
            cur.execute("UPDATE import_batch SET preview = %s, counts = %s WHERE id = %s",
                        (Jsonb(preview), Jsonb(counts), batch_id))

    def set_progress(self, batch_id: int, phase: str, done: int, total: int | None) -> None:
        with self._tx() as cur:
            cur.execute("UPDATE import_batch SET progress = %s WHERE id = %s",
                        (Jsonb({"phase": phase, "done": done, "total": total,
                                "at": datetime.now(UTC).isoformat()}), batch_id))

    def set_status(self, batch_id: int, status: BatchStatus, *, actor: str,
                   details: dict[str, Any] | None = None,
                   expect: Sequence[BatchStatus] | None = None) -> None:
        """Move a batch to `status`; with `expect`, only from one of those (atomically)."""
        stamp = {"approved": "approved_at", "committed": "committed_at",
                 "undone": "undone_at"}.get(status)
        with self._tx() as cur:
            sets = "status = %s" + (f", {stamp} = now()" if stamp else "")
            cur.execute("SELECT status FROM import_batch WHERE id = %s FOR UPDATE",
                        (batch_id,))
            row = cur.fetchone()
            if row is None:
                raise NotFound(f"no import batch {batch_id}")
            if expect is not None and row["status"] not in expect:
                raise BatchStateError(
                    f"batch {batch_id} is {row['status']}; this needs a "
                    f"{' or '.join(expect)} batch")
            cur.execute(f"UPDATE import_batch SET {sets} WHERE id = %s",  # noqa: S608
                        (status, batch_id))
            action = {"staged": "stage", "approved": "approve", "committed": "commit",
                      "undone": "undo"}[status]
            self._audit(cur, actor, action, f"batch:{batch_id}", details or {})

    # -- changes -------------------------------------------------------------------------
    def record_changes(self, batch_id: int, changes: Iterable[Change]) -> None:
        # The text is built before the store's lock is taken: an approve reads its next
        # plan meanwhile.
        blocks = list(copytext.blocks(_change_line(batch_id, c) for c in changes))
        with self._tx() as cur, cur.copy(
                "COPY batch_change (batch_id, kind, op, label, node_id, rel_type, src_label, "
                "src_id, dst_label, dst_id, before, row_numbers) FROM STDIN") as copy:
            for block in blocks:
                copy.write(block)

    def mapped_drafts(self, batch_id: int, *, page: int = 5000
                      ) -> Iterator[list[tuple[int, dict[str, Any]]]]:
        """Pages of (row number, mapped drafts as JSON values) of a batch's accepted rows,
        in row order. Each page is read in its own short transaction (keyset on the row
        number), so the caller may write between pages and those writes commit at once."""
        after = -1
        while True:
            with self._tx() as cur:
                cur.execute("SELECT row_number, mapped FROM raw_row WHERE batch_id = %s AND "
                            "mapped IS NOT NULL AND row_number > %s ORDER BY row_number "
                            "LIMIT %s", (batch_id, after, page))
                found = [(int(r["row_number"]), r["mapped"]) for r in cur.fetchall()]
            if not found:
                return
            yield found
            after = found[-1][0]

    def staged_plans(self, batch_id: int) -> Iterator[str]:
        """The batch's staged plans (JSON text) in chunk order, each read in its own short
        transaction, so the caller may write between them."""
        chunk = 0
        while True:
            with self._tx() as cur:
                cur.execute("SELECT plan FROM staged_plan WHERE batch_id = %s AND chunk = %s",
                            (batch_id, chunk))
                row = cur.fetchone()
            if row is None:
                return
            yield str(row["plan"])
            chunk += 1

    def drop_plans(self, batch_id: int) -> None:
        """Forget a batch's staged plans (committed: they describe nothing any more)."""
        with self._tx() as cur:
            cur.execute("UPDATE import_batch SET plan_mark = NULL WHERE id = %s", (batch_id,))
            cur.execute("DELETE FROM staged_plan WHERE batch_id = %s", (batch_id,))

    def changes(self, batch_id: int) -> list[Change]:
        with self._tx() as cur:
            cur.execute(f"SELECT {_CHANGE_COLUMNS} FROM batch_change "  # noqa: S608
                        "WHERE batch_id = %s ORDER BY id", (batch_id,))
            return [Change(**r) for r in cur.fetchall()]

    def change_pages(self, batch_id: int, kind: Literal["edge", "node"], *,
                     page: int = 20_000) -> Iterator[list[Change]]:
        """The batch's changes of one kind, newest first, `page` at a time (an undo reads
        them in this order; a large batch's change log is never held whole)."""
        select = (f"SELECT id, {_CHANGE_COLUMNS} FROM batch_change "  # noqa: S608
                  "WHERE batch_id = %s AND kind = %s")
        before: int | None = None
        while True:
            with self._tx() as cur:
                if before is None:
                    cur.execute(select + " ORDER BY id DESC LIMIT %s", (batch_id, kind, page))
                else:  # each page a range of the index (batch_id, kind, id)
                    cur.execute(select + " AND id < %s ORDER BY id DESC LIMIT %s",
                                (batch_id, kind, before, page))
                rows = cur.fetchall()
            if not rows:
                return
            before = int(rows[-1]["id"])
            yield [Change(**{k: v for k, v in r.items() if k != "id"}) for r in rows]

    def created_nodes(self, batch_id: int, label: str) -> list[str]:
        """Ids of the nodes of `label` the batch created, sorted."""
        with self._tx() as cur:
            cur.execute("SELECT DISTINCT node_id FROM batch_change WHERE batch_id = %s AND "
                        "kind = 'node' AND op = 'create' AND label = %s AND node_id IS NOT NULL "
                        "ORDER BY node_id", (batch_id, label))
            return [str(r["node_id"]) for r in cur.fetchall()]

    def later_batches_touching(self, batch_id: int) -> list[int]:
        """Committed batches after this one that changed a node or relationship it changed.
        Nodes and relationships are matched in two equality joins, hashed: a nested loop
        compares every pair of changes (the planner picks one while the change log's
        statistics are older than a large commit), and the undo of 30,000 contacts after
        a 90,000-message mailbox did not finish in ten minutes."""
        with self._tx() as cur:
            cur.execute("SET LOCAL enable_nestloop = off")
            cur.execute(_LATER_TOUCHING, {"batch": batch_id})
            return [int(r["batch_id"]) for r in cur.fetchall()]

    def clear_changes(self, batch_id: int) -> None:
        with self._tx() as cur:
            cur.execute("DELETE FROM batch_change WHERE batch_id = %s", (batch_id,))

    # -- duplicate decisions -------------------------------------------------------------
    def set_decision(self, batch_id: int, *, number: int, row: int, candidate_ref: str,
                     decision: str, actor: str) -> None:
        """Record (or replace) the user's merge/split decision on a probable duplicate."""
        with self._tx() as cur:
            cur.execute(
                "INSERT INTO duplicate_decision (batch_id, row_number, candidate_ref, number, "
                "decision, decided_by) VALUES (%s, %s, %s, %s, %s, %s) "
                "ON CONFLICT (batch_id, row_number, candidate_ref) DO UPDATE SET "
                "decision = EXCLUDED.decision, number = EXCLUDED.number, "
                "decided_by = EXCLUDED.decided_by, decided_at = now()",
                (batch_id, row, candidate_ref, number, decision, actor))
            self._audit(cur, actor, f"duplicate.{decision}", f"batch:{batch_id}",
                        {"number": number, "row": row, "candidate": candidate_ref})

    def decisions(self, batch_id: int) -> dict[tuple[int, str], str]:
        """(row, candidate ref) -> merge | split, for one batch."""
        with self._tx() as cur:
            cur.execute("SELECT row_number, candidate_ref, decision FROM duplicate_decision "
                        "WHERE batch_id = %s", (batch_id,))
            return {(int(r["row_number"]), str(r["candidate_ref"])): str(r["decision"])
                    for r in cur.fetchall()}

    # -- audit ---------------------------------------------------------------------------
    def audit(self, actor: str, action: str, target: str,
              details: dict[str, Any] | None = None) -> None:
        with self._tx() as cur:
            self._audit(cur, actor, action, target, details or {})

    def audit_trail(self, target: str | None = None, limit: int = 100) -> list[AuditEntry]:
        with self._tx() as cur:
            if target is None:
                cur.execute("SELECT at, actor, action, target, details FROM audit "
                            "ORDER BY id DESC LIMIT %s", (limit,))
            else:
                cur.execute("SELECT at, actor, action, target, details FROM audit "
                            "WHERE target = %s ORDER BY id DESC LIMIT %s", (target, limit))
            return [AuditEntry.model_validate(r) for r in cur.fetchall()]

    @staticmethod
    def _audit(cur: psycopg.Cursor[dict[str, Any]], actor: str, action: str, target: str,
               details: dict[str, Any]) -> None:
        cur.execute("INSERT INTO audit (actor, action, target, details) VALUES (%s, %s, %s, %s)",
                    (actor, action, target, Jsonb(details)))

"""Committing an approved batch to the graph, a chunk at a time: the plans stage made, when
they still describe the graph (`plans_hold`), else every row resolved again against the
graph as it is now, as the plans were made. Each chunk's changes are recorded before it is
written (`graph.imports.commit`); the caller reverts them all if anything fails."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial

from graph.evidence import BatchRecord, EvidenceStore
from graph.imports.commit import Committer
from graph.imports.errors import StalePlan
from graph.imports.models import ProbableDuplicate, Progress, trusted_row
from graph.imports.resolve import Resolver
from graph.imports.sender import Guard, WriteSender
from graph.imports.stored import load_chunk
from graph.imports.tally import BatchTally
from graph.imports.undo import revert
from graph.store import GraphStore
from graph.store.base import WriteMark


class Approval:
    def __init__(self, store: GraphStore, evidence: EvidenceStore, batch: BatchRecord, *,
                 batch_size: int, chunk_rows: int, clock: Callable[[], datetime],
                 progress: Progress | None) -> None:
        self.store = store
        self.evidence = evidence
        self.batch = batch
        self.batch_size = batch_size
        self.chunk_rows = chunk_rows
        self.clock = clock
        self.progress = progress
        self.total = batch.row_count - batch.rejected_count

    def commit(self) -> tuple[int, BatchTally | None]:
        """(changes made, the batch's tally): from the staged plans when they hold, whose
        preview stands as it was staged (tally None); when the graph changes under them
        half-way, what they wrote is reverted first and the rows are resolved again."""
        if self.plans_hold():
            try:
                return self._commit_staged(), None
            except StalePlan:
                revert(self.store, partial(self.evidence.change_pages, self.batch.id),
                       batch_size=self.batch_size)
                self.evidence.clear_changes(self.batch.id)
        tally = self._tally()
        return self._commit_resolved(tally), tally

    def plans_hold(self) -> bool:
        """Whether the staged plans describe the graph as it is: nothing has written to it
        since they were made (no other batch, merge, undo, API edit, loader or reset),
        and no decision on a probable duplicate overturned a verdict they were made with."""
        if self.batch.plan_mark is None:
            return False
        mark = self.store.write_mark()
        if mark is None or mark.text() != self.batch.plan_mark:
            return False
        verdicts = {(int(d["row"]), str(d["candidate_ref"])): bool(d["merged"])
                    for d in self.batch.preview.get("probable_duplicates", [])}
        return all(verdicts.get(key) == (choice == "merge")
                   for key, choice in self.evidence.decisions(self.batch.id).items())

    def _commit_staged(self) -> int:
        """Commit the staged plans; StalePlan when the graph's write mark moved by more
        than these commits' own writes (someone else wrote meanwhile), checked before each
        write. A chunk is built while the last one's writes still run."""
        start = self.store.write_mark()
        if start is None:
            raise StalePlan("the graph has no write mark")
        changes = rows = 0
        with self._sender(guard=self._unchanged_since(start)) as sender:
            committer = self._committer(sender)
            for text in self.evidence.staged_plans(self.batch.id):
                chunk = load_chunk(text)
                changes += committer.commit(chunk.plan)
                rows += chunk.rows
                self._progress(rows)
            sender.finish()
        return changes

    def _unchanged_since(self, start: WriteMark) -> Guard:
        def guard(own_writes: int) -> None:
            if self.store.write_mark() != start.after(own_writes):
                raise StalePlan(f"the graph changed while batch {self.batch.id} was committed")

        return guard

    def _commit_resolved(self, tally: BatchTally) -> int:
        resolver = Resolver(self.store, self.evidence.decisions(self.batch.id))
        changes = 0
        with self._sender() as sender:
            committer = self._committer(sender)
            for page in self.evidence.mapped_drafts(self.batch.id, page=self.chunk_rows):
                rows = [trusted_row(data) for _, data in page]
                sender.finish()  # each chunk resolves against the graph the last one wrote
                plan = resolver.plan(rows)
                tally.add(plan, rows)
                changes += committer.commit(plan)
                self._progress(tally.rows)
            sender.finish()
        return changes

    def _sender(self, guard: Guard | None = None) -> WriteSender:
        return WriteSender(self.store, batch_size=self.batch_size, guard=guard)

    def _committer(self, sender: WriteSender) -> Committer:
        return Committer(sender, self.evidence, self.batch.id, clock=self.clock)

    def _tally(self) -> BatchTally:
        """A fresh tally: probable duplicates keep the numbers they were staged with."""
        return BatchTally([ProbableDuplicate.model_validate(d)
                           for d in self.batch.preview.get("probable_duplicates", [])])

    def _progress(self, rows: int) -> None:
        # Kept on the batch too, so that another request (GET /v1/imports/{id}) sees it.
        self.evidence.set_progress(self.batch.id, "commit", rows, self.total)
        if self.progress is not None:
            self.progress("commit", rows, self.total)

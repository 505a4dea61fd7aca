"""What a batch holds, summed over the chunks it is planned in: counts per entity, probable
duplicates (numbered once for the whole batch), conflicts, notes, unmapped columns and
rejected rows. A node or relationship that rows in several chunks touch counts once, at
the first chunk that planned it, so a chunked batch counts as the whole file would."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graph.evidence import BatchSummary, RejectedRow
from graph.imports.models import EntityCounts, MappedRow, ProbableDuplicate
from graph.imports.plan import Plan

MAX_NOTES = 500  # a mailbox can have a note per message; the preview keeps the first ones


@dataclass
class BatchTally:
    staged_duplicates: list[ProbableDuplicate] = field(default_factory=list)
    rows: int = 0
    nodes: dict[str, EntityCounts] = field(default_factory=dict)
    relationships: dict[str, EntityCounts] = field(default_factory=dict)
    duplicates: list[ProbableDuplicate] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    notes_dropped: int = 0
    unmapped: set[str] = field(default_factory=set)
    rejected: dict[int, dict[str, str]] = field(default_factory=dict)
    _numbers: dict[tuple[int, str], int] = field(default_factory=dict)
    _next_number: int = 0

    def __post_init__(self) -> None:
        # A duplicate keeps the number it had when staged (same row and candidate).
        self._numbers = {(d.row, d.candidate_ref): d.number
                         for d in self.staged_duplicates if d.number is not None}
        self._next_number = max(self._numbers.values(), default=0)

    def add(self, plan: Plan, rows: list[MappedRow]) -> None:
        """Count one chunk: its rows and the plan made of them."""
        for row in rows:
            self.unmapped.update(row.unmapped)
            self.note(row.notes)
        self.add_plan(plan, len(rows))

    def add_plan(self, plan: Plan, rows: int) -> None:
        """Count one chunk's plan, made of `rows` rows (a staged plan at approve)."""
        self.rows += rows
        self.note(plan.notes)
        self.rejected.update(plan.rejected)
        self.conflicts += plan.conflicts
        self._number(plan.duplicates)
        self.duplicates += plan.duplicates
        self._count_nodes(plan)
        self._count_edges(plan)

    def note(self, notes: list[str]) -> None:
        room = max(0, MAX_NOTES - len(self.notes))
        self.notes += notes[:room]
        self.notes_dropped += max(0, len(notes) - room)

    def _number(self, dups: list[ProbableDuplicate]) -> None:
        for d in dups:
            d.number = self._numbers.get((d.row, d.candidate_ref))
            if d.number is None:
                self._next_number += 1
                d.number = self._numbers[(d.row, d.candidate_ref)] = self._next_number

    def _count_nodes(self, plan: Plan) -> None:
        for node in plan.nodes.values():
            if node.carried or node.repeat:  # an earlier chunk planned and counted it
                continue
            c = self.nodes.setdefault(node.label, EntityCounts())
            if node.action == "new":
                c.new += 1
            elif not node.changed():
                c.unchanged += 1
            elif node.merged:
                c.merged += 1
            else:
                c.updated += 1
        for label, n in plan.in_file_duplicates.items():
            self.nodes.setdefault(label, EntityCounts()).duplicates_in_file += n

    def _count_edges(self, plan: Plan) -> None:
        for edge in plan.edges.values():
            if edge.repeat:  # an earlier chunk planned and counted it
                continue
            c = self.relationships.setdefault(edge.type, EntityCounts())
            if edge.before is None:
                c.new += 1
            elif edge.changed():
                c.updated += 1
            else:
                c.unchanged += 1

    def counts(self) -> dict[str, Any]:
        return {"nodes": {k: v.model_dump() for k, v in self.nodes.items()},
                "relationships": {k: v.model_dump() for k, v in self.relationships.items()},
                "rejected": len(self.rejected)}

    def preview(self, confidence: float | None = None) -> dict[str, Any]:
        notes = list(self.notes)
        if self.notes_dropped:
            notes.append(f"... and {self.notes_dropped:,} more notes")
        return {**self.counts(),
                "probable_duplicates": [d.model_dump() for d in self.duplicates],
                "conflicts": self.conflicts, "unmapped_columns": sorted(self.unmapped),
                "notes": notes, "confidence": confidence}

    def summary(self, confidence: float | None = None) -> BatchSummary:
        return BatchSummary(
            row_count=self.rows, counts=self.counts(), preview=self.preview(confidence),
            rejected=[RejectedRow(row_number=n, reasons=reasons)
                      for n, reasons in sorted(self.rejected.items())])

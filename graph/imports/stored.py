"""A chunk's plan as staged: what stage resolved, kept (as JSON text in the evidence store)
so that approve can commit it instead of resolving every row a second time.

Only what the commit writes is kept: each node and relationship it writes, with its changes
as worked out at stage (`frozen`), the graph properties they replace (`before`, for the
change log and undo) and the rows they came from. What it leaves as it is (most people a
mailbox names) and what only the preview counts are not: approve keeps the staged preview,
since it commits exactly these plans. Approve uses them only when nothing but the batch
itself has written to the graph since they were made (see `graph.imports.approval`)."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from graph import jsontext
from graph.imports.plan import Plan, PlannedEdge, PlannedNode


@dataclass
class StoredChunk:
    """A staged chunk: its plan and how many accepted rows it planned."""

    plan: Plan
    rows: int


def dump_chunk(plan: Plan, rows: int) -> str:
    """The JSON text of what a chunk's complete (frozen) plan writes."""
    data = {
        "rows": rows,
        "nodes": [_node(n) for n in plan.nodes.values() if n.frozen],
        "edges": [_edge(e) for e in plan.edges.values() if e.frozen or e.before is None],
    }
    return jsontext.dumps(data)


def _node(n: PlannedNode) -> list[Any]:
    # A list, not an object: a mailbox's chunk holds 10,000s of them.
    return [n.label, n.node_id, n.action, n.before, n.frozen, n.rows, n.external_ids]


def _edge(e: PlannedEdge) -> list[Any]:
    return [e.type, e.src_label, e.src_id, e.dst_label, e.dst_id, e.before, e.frozen,
            e.rows, int(e.repeat)]


def load_chunk(text: str) -> StoredChunk:
    """The plan back from its JSON text, as the commit uses it."""
    data = jsontext.loads(text)
    plan = Plan()
    # `*_`: plans staged by an earlier version carry the tally's flags after these.
    for label, node_id, action, before, frozen, rows, ext, *_ in data["nodes"]:
        plan.nodes[node_id] = PlannedNode(label, node_id, action, before, external_ids=ext,
                                          rows=rows, frozen=frozen)
    for rel, src_label, src_id, dst_label, dst_id, before, frozen, rows, repeat in \
            data["edges"]:
        plan.edges[(f"{rel}:{src_label}:{dst_label}", src_id, dst_id)] = PlannedEdge(
            rel, src_label, src_id, dst_label, dst_id, {}, before, rows=rows,
            repeat=bool(repeat), frozen=frozen)
    return StoredChunk(plan, int(data["rows"]))


class PlanSpill:
    """The staged plans of a batch on their way to the evidence store: written to a
    temporary file chunk by chunk (a large file's plans are never held whole), copied in
    the batch's transaction once every row is staged. Given up (`usable` False) at the
    first chunk approve could not reuse: then none is kept."""

    def __init__(self) -> None:
        self._file: IO[str] | None = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115

    @property
    def usable(self) -> bool:
        return self._file is not None

    def add(self, plan: Plan, rows: int) -> None:
        if self._file is not None:
            self._file.write(dump_chunk(plan, rows) + "\n")  # JSON text has no line break

    def abandon(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None

    def lines(self) -> Iterator[str]:
        """The chunks' JSON text, in order."""
        if self._file is None:
            return
        self._file.seek(0)
        for line in self._file:
            yield line.rstrip("\n")

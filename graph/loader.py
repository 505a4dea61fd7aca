"""Bulk load canonical records: batched UNWIND of parameter lists, idempotent MERGE on id.

Each label and each (type, source label, target label) has its own named query under
`cypher/load/`, so the engine can use the id index on both endpoints of every edge.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import groupby, islice
from typing import Any, TypeVar

from graph.errors import InvalidInput
from graph.model import GraphEdge, GraphNode
from graph.model.base import temporal_kind
from graph.store.base import GraphStore

Progress = Callable[[str, int], None]
"""Called with (step name, rows just loaded) after every batch."""

T = TypeVar("T")


@dataclass
class LoadReport:
    nodes: dict[str, int] = field(default_factory=dict)
    edges: dict[str, int] = field(default_factory=dict)
    skipped_edges: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def node_count(self) -> int:
        return sum(self.nodes.values())

    @property
    def edge_count(self) -> int:
        return sum(self.edges.values())


@cache
def _temporal_fields(model: type[Any]) -> frozenset[str]:
    return frozenset(k for k, f in model.model_fields.items() if temporal_kind(f.annotation))


def node_row(node: GraphNode) -> dict[str, Any]:
    """The parameter row of one node: id, props, temporal fields beside them.

    Values stay Python objects; the store turns them into engine parameters once.
    """
    temporal = _temporal_fields(type(node))
    data = node.model_dump(exclude={"id"})
    row: dict[str, Any] = {k: data.pop(k) for k in temporal}
    row["id"] = node.id
    row["props"] = data
    return row


def edge_row(edge: GraphEdge) -> dict[str, Any]:
    temporal = _temporal_fields(type(edge))
    data = edge.model_dump(exclude={"src", "dst"})
    row: dict[str, Any] = {k: data.pop(k) for k in temporal}
    row["src"], row["dst"] = edge.src.id, edge.dst.id
    row["props"] = data
    return row


def _batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def node_query(label: str) -> str:
    return f"load/nodes/{label.lower()}"


def edge_query(rel_type: str, src_label: str, dst_label: str) -> str:
    return f"load/edges/{rel_type.lower()}__{src_label.lower()}__{dst_label.lower()}"


class BulkLoader:
    """Load nodes first, then edges; reloading the same records changes nothing."""

    def __init__(self, store: GraphStore, *, batch_size: int = 10_000,
                 progress: Progress | None = None) -> None:
        self.store = store
        self.batch_size = batch_size
        self.progress = progress

    def load(self, nodes: Mapping[str, Sequence[GraphNode]],
             edges: Mapping[str, Sequence[GraphEdge]]) -> LoadReport:
        report = LoadReport()
        started = time.perf_counter()
        for label, items in nodes.items():
            report.nodes[label] = self.load_nodes(label, items)
        for rel_type, rels in edges.items():
            loaded, skipped = self.load_edges(rel_type, rels)
            report.edges[rel_type] = loaded
            if skipped:
                report.skipped_edges[rel_type] = skipped
        self.store.checkpoint()
        report.seconds = time.perf_counter() - started
        return report

    def load_nodes(self, label: str, items: Iterable[GraphNode]) -> int:
        query, loaded = node_query(label), 0
        for batch in _batches(items, self.batch_size):
            wrong = next((n for n in batch if label != n.LABEL), None)
            if wrong is not None:
                raise InvalidInput(f"node {wrong.id} is a {wrong.LABEL}, not a {label}")
            loaded += self._send(query, [node_row(n) for n in batch], label)
        return loaded

    def load_edges(self, rel_type: str, items: Iterable[GraphEdge]) -> tuple[int, int]:
        """Load relationships; returns (loaded, skipped because an endpoint is missing)."""
        loaded = sent = 0
        for batch in _batches(items, self.batch_size):
            wrong = next((e for e in batch if rel_type != e.TYPE), None)
            if wrong is not None:
                raise InvalidInput(f"relationship {wrong.identity} is not a {rel_type}")
            endpoints = lambda e: (e.src.label, e.dst.label)  # noqa: E731
            for (src, dst), group in groupby(sorted(batch, key=endpoints), key=endpoints):
                rows = [edge_row(e) for e in group]
                loaded += self._send(edge_query(rel_type, src, dst), rows, rel_type)
                sent += len(rows)
        return loaded, sent - loaded

    def _send(self, query: str, rows: list[dict[str, Any]], step: str) -> int:
        result = self.store.write(query, {"rows": rows})
        if self.progress:
            self.progress(step, len(rows))
        return int(result[0]["loaded"]) if result else 0

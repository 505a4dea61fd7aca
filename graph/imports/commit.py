"""Commit a plan to the graph: the rows of the named upsert queries, and the change log
(what was created, what was updated and its properties before) recorded first, so that a
commit stopped half-way can still be reverted (`graph.imports.undo`)."""

from __future__ import annotations

import uuid
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import UTC, datetime
from functools import lru_cache
from itertools import islice
from typing import Any

from graph.evidence import Change, EvidenceStore
from graph.imports.plan import (
    Plan,
    PlannedEdge,
    PlannedNode,
    comparable,
    edge_query_key,
    full_model,
    model_field_names,
)
from graph.model import EDGE_BY_TYPE, NODE_BY_LABEL, HasStageChange, NodeRef, StageChange
from graph.rows import edge_row, iso, node_row, temporal_fields
from graph.store import GraphStore
from graph.store.base import PreparedWrite

Rows = dict[str, list[dict[str, Any]]]
Writes = list[tuple[str, list[dict[str, Any]]]]
_NODE_ORDER = ("Account", "Contact", "Deal", "StageChange", "Interaction")
_PREFETCH = 2  # chunks serialised ahead of the one being written: bounds memory


@lru_cache(maxsize=64)
def node_temporal(label: str) -> tuple[str, ...]:
    return tuple(f for f in temporal_fields(NODE_BY_LABEL[label])
                 if f not in ("created_at", "updated_at"))


def edge_temporal(rel_type: str) -> tuple[str, ...]:
    return temporal_fields(EDGE_BY_TYPE[rel_type])


def write_named(store: GraphStore, writes: Writes, batch_size: int) -> int:
    """Send the named writes in order, in chunks, while a worker thread serialises the
    next chunks (as the bulk loader does): that Python work overlaps the engine's.
    Returns the number of statements sent (the graph's write mark moves by as many)."""
    sent = 0
    jobs = ((name, rows[i:i + batch_size]) for name, rows in writes
            for i in range(0, len(rows), batch_size))
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="rapport-import") as pool:
        ahead: deque[Future[PreparedWrite]] = deque(
            pool.submit(store.prepare_rows, *job) for job in islice(jobs, _PREFETCH))
        while ahead:
            prepared = ahead.popleft().result()
            job = next(jobs, None)
            if job is not None:
                ahead.append(pool.submit(store.prepare_rows, *job))
            store.run_prepared(prepared)
            sent += 1
    return sent


class Committer:
    """Writes the plans of one batch's chunks to the graph."""

    def __init__(self, store: GraphStore, evidence: EvidenceStore, batch_id: int, *,
                 batch_size: int, clock: Callable[[], datetime]) -> None:
        self.store = store
        self.evidence = evidence
        self.batch_id = batch_id
        self.batch_size = batch_size
        self.clock = clock
        self.statements = 0  # graph writes sent so far

    def commit(self, plan: Plan) -> int:
        """Record the plan's changes, then write them; the number of changes."""
        now = self.clock()
        changes: list[Change] = []
        node_rows: Rows = {}
        edge_rows: Rows = {}
        for node in plan.nodes.values():
            props = node.changes()
            if props:
                changes += self._node(node, props, now, node_rows, edge_rows)
        for edge in plan.edges.values():
            props = edge.changes()
            if props or edge.before is None:
                changes.append(self._edge(edge, props, edge_rows))
        # Record first: if the graph write stops half-way, the batch can still be reverted.
        self.evidence.record_changes(self.batch_id, changes)
        writes = [(f"imports/upsert/{label.lower()}", node_rows.get(label, []))
                  for label in _NODE_ORDER]
        writes += [(f"imports/upsert_edge/{key}", rows) for key, rows in edge_rows.items()]
        self.statements += write_named(self.store, writes, self.batch_size)
        return len(changes)

    def _refs(self, rows: list[int]) -> list[str]:
        return [f"import:{self.batch_id}:{r}" for r in rows]

    def _node(self, node: PlannedNode, props: dict[str, Any], now: datetime,
              node_rows: Rows, edge_rows: Rows) -> list[Change]:
        refs = self._refs(node.rows)
        if node.action == "new":
            row = node_row(full_model(node.label, node.node_id, props, now))
            if node.external_ids:
                row["props"]["external_ids"] = node.external_ids
            row["props"]["sources"] = refs
            changes = [Change(kind="node", op="create", label=node.label,
                              node_id=node.node_id, row_numbers=node.rows)]
        else:
            before = node.before or {}
            old_sources = list(before.get("sources") or [])
            props["sources"] = old_sources + [r for r in refs if r not in old_sources]
            row = {f: props.pop(f, None) for f in node_temporal(node.label)}
            row["props"] = props
            row["id"] = node.node_id
            changes = [Change(kind="node", op="update", label=node.label,
                              node_id=node.node_id, before=before, row_numbers=node.rows)]
        row["now"] = iso(now)
        node_rows.setdefault(node.label, []).append(row)
        if node.label == "Deal" and node.action == "update" and "stage" in props:
            changes += _stage_change(node, props, row, now, refs, node_rows, edge_rows)
        return changes

    def _edge(self, edge: PlannedEdge, props: dict[str, Any], edge_rows: Rows) -> Change:
        refs = self._refs(edge.rows)
        if edge.before is None:
            row = _new_edge_row(edge, props)
            row["props"]["sources"] = refs
        else:
            old_sources = list(edge.before.get("sources") or [])
            props["sources"] = old_sources + [r for r in refs if r not in old_sources]
            row = {f: props.pop(f, None) for f in edge_temporal(edge.type)}
            row["props"] = props
            row["src"], row["dst"] = edge.src_id, edge.dst_id
        key = edge_query_key(edge)
        edge_rows.setdefault(key, []).append(row)
        return Change(kind="edge", op="create" if edge.before is None else "update",
                      label=key, rel_type=edge.type, src_label=edge.src_label,
                      src_id=edge.src_id, dst_label=edge.dst_label, dst_id=edge.dst_id,
                      before=edge.before, row_numbers=edge.rows)


def _stage_change(deal: PlannedNode, props: dict[str, Any], deal_row: dict[str, Any],
                  now: datetime, refs: list[str], node_rows: Rows, edge_rows: Rows
                  ) -> list[Change]:
    """A deal whose stage an import moves gets a StageChange (its stage history) and a
    new `stage_entered_at`; both go away with the batch's undo."""
    before = deal.before or {}
    entered = comparable(before.get("stage_entered_at") or before.get("created_at"))
    days = None
    if isinstance(entered, str):
        started = datetime.fromisoformat(entered).replace(tzinfo=UTC)
        days = max(0.0, round((now - started).total_seconds() / 86400, 2))
    change = StageChange(id=f"sc_{uuid.uuid4().hex[:16]}", deal_id=deal.node_id,
                         from_stage=before.get("stage"), to_stage=props["stage"], at=now,
                         days_in_stage=days, created_at=now, updated_at=now,
                         sources=list(refs))
    deal_row["stage_entered_at"] = iso(now)
    row = node_row(change)
    row["now"] = iso(now)
    node_rows.setdefault("StageChange", []).append(row)
    edge = HasStageChange(src=NodeRef(label="Deal", id=deal.node_id),
                          dst=NodeRef(label="StageChange", id=change.id), sources=refs)
    edge_rows.setdefault("has_stage_change__deal__stagechange", []).append(edge_row(edge))
    return [Change(kind="node", op="create", label="StageChange", node_id=change.id,
                   row_numbers=deal.rows),
            Change(kind="edge", op="create", label="has_stage_change__deal__stagechange",
                   rel_type="HAS_STAGE_CHANGE", src_label="Deal", src_id=deal.node_id,
                   dst_label="StageChange", dst_id=change.id, row_numbers=deal.rows)]


def _new_edge_row(edge: PlannedEdge, props: dict[str, Any]) -> dict[str, Any]:
    """The engine row of a new relationship: the model's check and defaults are the same
    for every edge of one type, ends' labels and properties (PARTICIPATED_IN has a
    handful of roles), so they are worked out once per distinct combination."""
    key = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in props.items()))
    try:
        hash(key)
    except TypeError:  # a value that is neither a scalar nor a list of scalars: no cache
        template = _checked_edge(edge.type, edge.src_label, edge.dst_label, props)
    else:
        template = _edge_template(edge.type, edge.src_label, edge.dst_label, key)
    row = {**template, "props": dict(template["props"])}
    row["src"], row["dst"] = edge.src_id, edge.dst_id
    return row


@lru_cache(maxsize=4096)
def _edge_template(rel_type: str, src_label: str, dst_label: str,
                   props: tuple[tuple[str, Any], ...]) -> dict[str, Any]:
    return _checked_edge(rel_type, src_label, dst_label, dict(props))


def _checked_edge(rel_type: str, src_label: str, dst_label: str, props: dict[str, Any]
                  ) -> dict[str, Any]:
    """A new relationship's row for these props, checked by its model (placeholder ends)."""
    model = EDGE_BY_TYPE[rel_type]
    fields = model_field_names(model)
    known = {k: v for k, v in props.items() if k in fields}
    checked = model.model_validate({**known, "src": NodeRef(label=src_label, id="a-src"),
                                    "dst": NodeRef(label=dst_label, id="b-dst")})
    row = edge_row(checked)
    row["props"] = {k: v for k, v in row["props"].items() if v is not None}
    return row

"""Commit a plan to the graph: the rows of the named upsert queries, and the change log
(what was created, what was updated and its properties before) recorded first, so that a
commit stopped half-way can still be reverted (`graph.imports.undo`)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from functools import lru_cache, partial
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
from graph.imports.sender import Writes, WriteSender
from graph.model import EDGE_BY_TYPE, NODE_BY_LABEL, HasStageChange, NodeRef, StageChange
from graph.rows import edge_row, iso, node_row, temporal_fields

Rows = dict[str, list[dict[str, Any]]]  # query name -> its rows
# The node writes in order (an account before its contacts), each label's new nodes first.
_NODE_WRITES = tuple(f"imports/{how}/{label}"
                     for label in ("account", "contact", "deal", "stagechange", "interaction")
                     for how in ("create", "upsert"))
_STAMPS = frozenset({"created_at", "updated_at"})  # set by the write from the row's `now`


@lru_cache(maxsize=64)
def node_temporal(label: str) -> tuple[str, ...]:
    return tuple(f for f in temporal_fields(NODE_BY_LABEL[label])
                 if f not in ("created_at", "updated_at"))


def edge_temporal(rel_type: str) -> tuple[str, ...]:
    return temporal_fields(EDGE_BY_TYPE[rel_type])


class Committer:
    """Writes the plans of one batch's chunks to the graph through `sender`: a chunk's
    writes may still be running when `commit` returns (`sender.finish()` waits)."""

    def __init__(self, sender: WriteSender, evidence: EvidenceStore, batch_id: int, *,
                 clock: Callable[[], datetime]) -> None:
        self.sender = sender
        self.evidence = evidence
        self.batch_id = batch_id
        self.clock = clock

    def commit(self, plan: Plan) -> int:
        """Queue the recording of the plan's changes, then their writes; the number of
        changes."""
        now = self.clock()
        now_text = str(iso(now))
        changes: list[Change] = []
        node_rows: Rows = {}
        edge_rows: Rows = {}
        for node in plan.nodes.values():
            props = node.changes()
            if props:
                changes += self._node(node, props, now, now_text, node_rows, edge_rows)
        created = {n.node_id for n in plan.nodes.values() if n.action == "new"}
        for edge in plan.edges.values():
            props = edge.changes()
            if props or edge.before is None:
                fresh = not edge.repeat and (edge.src_id in created or edge.dst_id in created)
                changes.append(self._edge(edge, props, edge_rows, fresh=fresh))
        # Recorded first: if the graph write stops half-way, the batch can still be reverted.
        self.sender.record(partial(self.evidence.record_changes, self.batch_id, changes))
        writes: Writes = [(name, node_rows.get(name, [])) for name in _NODE_WRITES]
        self.sender.send([*writes, *edge_rows.items()])
        return len(changes)

    def _refs(self, rows: list[int]) -> list[str]:
        return [f"import:{self.batch_id}:{r}" for r in rows]

    def _node(self, node: PlannedNode, props: dict[str, Any], now: datetime, now_text: str,
              node_rows: Rows, edge_rows: Rows) -> list[Change]:
        refs = self._refs(node.rows)
        # A new node's id is the plan's own: created without looking for it first.
        query = f"imports/{'create' if node.action == 'new' else 'upsert'}/{node.label.lower()}"
        if node.action == "new":
            row = _new_node_row(node, props, now)
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
        row["now"] = now_text
        node_rows.setdefault(query, []).append(row)
        if node.label == "Deal" and node.action == "update" and "stage" in props:
            changes += _stage_change(node, props, row, now, refs, node_rows, edge_rows)
        return changes

    def _edge(self, edge: PlannedEdge, props: dict[str, Any], edge_rows: Rows, *,
              fresh: bool) -> Change:
        """`fresh`: a new relationship to a node this plan creates (and no earlier chunk
        planned it), created without looking for one; others are merged, since another
        writer may have added the same relationship between existing nodes meanwhile."""
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
        edge_rows.setdefault(f"imports/{'create' if fresh else 'upsert'}_edge/{key}",
                             []).append(row)
        return Change(kind="edge", op="create" if edge.before is None else "update",
                      label=key, rel_type=edge.type, src_label=edge.src_label,
                      src_id=edge.src_id, dst_label=edge.dst_label, dst_id=edge.dst_id,
                      before=edge.before, row_numbers=edge.rows)


def _new_node_row(node: PlannedNode, props: dict[str, Any], now: datetime) -> dict[str, Any]:
    """The engine row of a new node, checked and completed by its model. The upsert sets
    `created_at` and `updated_at` from the row's `now`, and a new node has no property a
    null would clear: both are left out (a new contact has nine empty fields). Approving
    30,000 contacts, FalkorDB's CPU went from 3.3-3.9 s to 2.4-2.6 s."""
    row = node_row(full_model(node.label, node.node_id, props, now), omit=_STAMPS)
    row["props"] = {k: v for k, v in row["props"].items() if v is not None}
    return row


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
    node_rows.setdefault("imports/create/stagechange", []).append(row)
    edge = HasStageChange(src=NodeRef(label="Deal", id=deal.node_id),
                          dst=NodeRef(label="StageChange", id=change.id), sources=refs)
    edge_rows.setdefault("imports/create_edge/has_stage_change__deal__stagechange",
                         []).append(edge_row(edge))
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

"""Revert what a batch's commit did, from its change log: delete what it created, put back
the properties of what it updated (relationships first, then nodes)."""

from __future__ import annotations

from typing import Any

from graph.evidence import Change
from graph.imports.commit import edge_temporal, node_temporal
from graph.imports.models import UndoResult
from graph.imports.sender import write_named
from graph.store import GraphStore


def untag(props: dict[str, Any], temporal: tuple[str, ...]) -> dict[str, Any]:
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


def revert(store: GraphStore, changes: list[Change], *, batch_id: int = 0,
           batch_size: int = 5000) -> UndoResult:
    result = UndoResult(batch_id=batch_id, deleted_nodes=0, restored_nodes=0,
                        deleted_relationships=0, restored_relationships=0)
    groups: dict[str, list[dict[str, Any]]] = {}
    for c in reversed(changes):
        if c.kind != "edge":
            continue
        assert c.rel_type is not None
        pair = {"src": c.src_id, "dst": c.dst_id}
        if c.op == "create":
            groups.setdefault(f"imports/delete_edge/{c.label}", []).append(pair)
            result.deleted_relationships += 1
        else:
            row = untag(c.before or {}, edge_temporal(c.rel_type))
            groups.setdefault(f"imports/restore_edge/{c.label}", []).append({**row, **pair})
            result.restored_relationships += 1
    for c in reversed(changes):
        if c.kind != "node":
            continue
        if c.op == "create":
            groups.setdefault(f"imports/delete/{c.label.lower()}", []).append(
                {"id": c.node_id})
            result.deleted_nodes += 1
        else:
            row = untag(c.before or {}, (*node_temporal(c.label), "created_at", "updated_at"))
            row["id"] = c.node_id
            groups.setdefault(f"imports/restore/{c.label.lower()}", []).append(row)
            result.restored_nodes += 1
    write_named(store, list(groups.items()), batch_size)  # edges first: dicts keep order
    return result

"""Revert what a batch's commit did, from its change log: delete what it created, put back
the properties of what it updated (relationships first, then nodes)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Literal

from graph.evidence import Change
from graph.imports.commit import edge_temporal, node_temporal
from graph.imports.models import UndoResult
from graph.imports.sender import WriteSender
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


ChangePages = Callable[[Literal["edge", "node"]], Iterable[list[Change]]]


def revert(store: GraphStore, pages: ChangePages, *, batch_id: int = 0,
           batch_size: int = 5000) -> UndoResult:
    """Undo a change log read a page at a time, newest first (`pages(kind)`): the
    relationships, then the nodes. A large batch's log is never held whole (a
    300,000-message mailbox's took 1.5 GB). Within a page, the rows of one query keep the
    log's order (the newest `before` of a record is put back first, the oldest last);
    a record the batch created and changed is deleted, and its restore, before or after,
    matches nothing."""
    result = UndoResult(batch_id=batch_id, deleted_nodes=0, restored_nodes=0,
                        deleted_relationships=0, restored_relationships=0)
    with WriteSender(store, batch_size=batch_size) as sender:
        for page in pages("edge"):
            sender.send(list(_edge_writes(page, result).items()))
        for page in pages("node"):
            sender.send(list(_node_writes(page, result).items()))
        sender.finish()
    return result


def _edge_writes(changes: list[Change], result: UndoResult) -> dict[str, list[dict[str, Any]]]:
    groups: dict[str, list[dict[str, Any]]] = {}
    for c in changes:
        assert c.rel_type is not None
        pair = {"src": c.src_id, "dst": c.dst_id}
        if c.op == "create":
            groups.setdefault(f"imports/delete_edge/{c.label}", []).append(pair)
            result.deleted_relationships += 1
        else:
            row = untag(c.before or {}, edge_temporal(c.rel_type))
            groups.setdefault(f"imports/restore_edge/{c.label}", []).append({**row, **pair})
            result.restored_relationships += 1
    return groups


def _node_writes(changes: list[Change], result: UndoResult) -> dict[str, list[dict[str, Any]]]:
    groups: dict[str, list[dict[str, Any]]] = {}
    for c in changes:
        if c.op == "create":
            groups.setdefault(f"imports/delete/{c.label.lower()}", []).append(
                {"id": c.node_id})
            result.deleted_nodes += 1
        else:
            row = untag(c.before or {}, (*node_temporal(c.label), "created_at", "updated_at"))
            row["id"] = c.node_id
            groups.setdefault(f"imports/restore/{c.label.lower()}", []).append(row)
            result.restored_nodes += 1
    return groups

"""Merge two contacts (or two accounts) that are the same: one survives with both histories.

The survivor keeps its own non-empty fields, takes the other's where it has none, and the
union of the list fields (sources, emails, external ids...). Every relationship of the
merged-away node moves to the survivor through the loader's named MERGE queries, joined
with the survivor's own relationship to the same node when there is one; a relationship
between the two disappears. Score fields a rescore derives (strength band, trend, times)
are not copied: the next rescore recomputes them from the evidence, which now all points
at the survivor.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any, Literal

from pydantic import BaseModel

from graph.errors import InvalidInput, NotFound
from graph.evidence import EvidenceStore
from graph.loader import edge_query, node_query
from graph.model import EDGE_BY_TYPE
from graph.rows import iso, temporal_fields
from graph.store import GraphStore, Row

MergeLabel = Literal["Contact", "Account"]
_LISTS = ("sources", "emails", "external_ids", "origins", "features")
_DERIVED = ("strength_band", "strength_trend", "last_interaction", "scored_at")


class MergeResult(BaseModel):
    label: MergeLabel
    kept: str
    removed: str
    filled_fields: list[str]
    moved: dict[str, int]
    dropped_between: int


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def combine(keep: dict[str, Any], other: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Keep's values win; other fills keep's empty fields; list fields are joined."""
    merged = dict(keep)
    filled = []
    for key, value in other.items():
        if key in _LISTS and isinstance(value, list):
            current = merged.get(key) or []
            merged[key] = list(dict.fromkeys([*current, *value]))
        elif _empty(merged.get(key)) and not _empty(value):
            merged[key] = value
            filled.append(key)
    return merged, sorted(filled)


def _node(store: GraphStore, label: MergeLabel, node_id: str) -> dict[str, Any]:
    rows = store.read(f"imports/merge/{label.lower()}_node", {"id": node_id})
    if not rows:
        raise NotFound(f"no {label.lower()} with id {node_id!r}")
    props: dict[str, Any] = rows[0]["props"]
    return props


def _edges(store: GraphStore, label: MergeLabel, node_id: str) -> list[tuple[str, Row]]:
    base = f"imports/merge/{label.lower()}"
    return ([("out", r) for r in store.read(f"{base}_out", {"id": node_id})]
            + [("in", r) for r in store.read(f"{base}_in", {"id": node_id})])


def _ends(label: MergeLabel, keep: str, way: str, row: Row, *,
          canonical: bool = True) -> tuple[tuple[str, str], tuple[str, str]]:
    """(src, dst) as (label, id) once the merged-away end is replaced by the survivor."""
    mine, theirs = (label, keep), (row["label"], row["other"])
    src, dst = (mine, theirs) if way == "out" else (theirs, mine)
    if canonical and row["type"] == "KNOWS" and src[0] == dst[0] == "Contact" \
            and dst[1] < src[1]:
        src, dst = dst, src  # contact pairs are stored smaller id first
    return src, dst


def _edge_row(rel_type: str, src: str, dst: str, props: dict[str, Any]) -> dict[str, Any]:
    temporal = temporal_fields(EDGE_BY_TYPE[rel_type])
    plain = {k: v for k, v in props.items()
             if k not in temporal and k not in _DERIVED and not isinstance(v, date)}
    row: dict[str, Any] = {k: iso(props.get(k)) for k in temporal}
    row.update(src=src, dst=dst, props=plain)
    return row


def _move_edges(store: GraphStore, label: MergeLabel, keep: str, drop: str) -> tuple[
        dict[str, int], int]:
    # The survivor's own relationships by (type, other end): a moved one joins it, in the
    # direction it is already stored in (a knows-edge may predate the canonical order).
    existing = {(r["type"], r["other"]): (_ends(label, keep, way, r, canonical=False),
                                          r["props"])
                for way, r in _edges(store, label, keep)}
    moved: dict[str, int] = {}
    between = 0
    for way, row in _edges(store, label, drop):
        if row["other"] == keep:
            between += 1
            continue
        (src, dst), own = existing.get((row["type"], row["other"]),
                                       (_ends(label, keep, way, row), {}))
        props, _ = combine(own, row["props"])
        store.write_rows(edge_query(row["type"], src[0], dst[0]),
                         [_edge_row(row["type"], src[1], dst[1], props)])
        moved[row["type"]] = moved.get(row["type"], 0) + 1
    return moved, between


def merge_nodes(store: GraphStore, evidence: EvidenceStore, label: MergeLabel, keep: str,
                drop: str, *, actor: str = "cli") -> MergeResult:
    """Merge `drop` into `keep` (both of `label`) and record it in the audit trail."""
    if keep == drop:
        raise InvalidInput(f"cannot merge {label.lower()} {keep!r} with itself")
    kept, other = _node(store, label, keep), _node(store, label, drop)
    props, filled = combine(kept, other)
    moved, between = _move_edges(store, label, keep, drop)
    row: dict[str, Any] = {"id": keep, "created_at": iso(props.pop("created_at", None)),
                           "updated_at": iso(datetime.now(UTC))}
    props.pop("updated_at", None)
    props.pop("id", None)
    row["props"] = {k: v for k, v in props.items() if not isinstance(v, date)}
    store.write_rows(node_query(label), [row])
    store.write(f"imports/merge/delete_{label.lower()}", {"id": drop})
    result = MergeResult(label=label, kept=keep, removed=drop, filled_fields=filled,
                         moved=moved, dropped_between=between)
    evidence.audit(actor, "merge", f"{label}:{keep}", result.model_dump())
    return result

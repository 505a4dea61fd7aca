"""After an import commits interactions, rescore only the relationships they touch.

The import pipeline lives in graph/ and may not depend on intel/; this is where the two
meet (the CLI and the API call it after approving a batch). The rescore creates KNOWS ties
and rewrites their scores: what it changed goes into the batch's change log, so that the
batch's undo puts those ties back as they were too (and a later batch whose rescore
changed the same ties is undone first).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from graph.evidence import Change, EvidenceStore
from graph.imports.plan import jsonable
from graph.store import GraphStore
from intel.strength import RescoreReport, get_strength_settings, rescore_interactions

Ties = dict[tuple[str, str, str, str], dict[str, Any]]  # (src label, src, dst label, dst)
_TIE_QUERIES = (("Member", "imports/knows_of_members"), ("Contact", "imports/knows_of_contacts"))
_IDS_PER_READ = 1000
# The KNOWS end labels the undo has queries for (graph/model: Knows.ENDPOINTS).
_UNDOABLE = frozenset({("Member", "Contact"), ("Contact", "Contact"), ("Member", "Member")})


def new_interactions(evidence: EvidenceStore, batch_id: int) -> list[str]:
    return evidence.created_nodes(batch_id, "Interaction")


def rescore_after_import(store: GraphStore, evidence: EvidenceStore,
                         batch_id: int) -> RescoreReport | None:
    """None when the batch brought no new interaction (nothing to rescore)."""
    ids = new_interactions(evidence, batch_id)
    if not ids:
        return None
    with _ties_logged(store, evidence, batch_id):
        return rescore_interactions(store, ids, get_strength_settings(), datetime.now(UTC))


@contextmanager
def _ties_logged(store: GraphStore, evidence: EvidenceStore, batch_id: int) -> Iterator[None]:
    """Record in the batch's change log the ties of its participants that the block
    creates or changes (also when it fails half-way: what it wrote is undone with the
    batch). Only the participants' ties can change: a rescore scores pairs of people who
    took part in the same new interactions."""
    people = evidence.participants(batch_id)
    before = _ties(store, people)
    try:
        yield
    finally:
        evidence.record_changes(batch_id, _tie_changes(before, _ties(store, people)))


def _ties(store: GraphStore, people: list[tuple[str, str]]) -> Ties:
    ties: Ties = {}
    for label, query in _TIE_QUERIES:
        ids = [pid for lab, pid in people if lab == label]
        for start in range(0, len(ids), _IDS_PER_READ):
            for r in store.read(query, {"ids": ids[start:start + _IDS_PER_READ]}):
                key = (str(r["src_label"]), str(r["src"]), str(r["dst_label"]), str(r["dst"]))
                ties[key] = jsonable(r["props"])
    return ties


def _tie_changes(before: Ties, after: Ties) -> list[Change]:
    changes = []
    for key, props in after.items():
        src_label, src, dst_label, dst = key
        old = before.get(key)
        if old == props or (src_label, dst_label) not in _UNDOABLE:
            continue
        changes.append(Change(
            kind="edge", op="create" if old is None else "update",
            label=f"knows__{src_label.lower()}__{dst_label.lower()}", rel_type="KNOWS",
            src_label=src_label, src_id=src, dst_label=dst_label, dst_id=dst, before=old))
    return changes

"""After an import commits interactions, rescore only the relationships they touch.

The import pipeline lives in graph/ and may not depend on intel/; this is where the two
meet (the CLI and the API call it after approving a batch). The rescore creates KNOWS ties
and rewrites their scores: what it created or changed goes into the batch's change log, so
that the batch's undo removes those ties or puts their scores back as well (and a later
batch whose rescore changed the same ties has to be undone first).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from graph.evidence import Change, EvidenceStore
from graph.imports.plan import edge_key, jsonable
from graph.model import Knows
from graph.store import GraphStore
from intel.strength import RescoreReport, get_strength_settings, rescore_interactions
from intel.strength.service import PairLabels

Ties = dict[tuple[str, str, str, str], dict[str, Any]]  # (src label, src, dst label, dst)
_PAIRS_PER_READ = 1000


def new_interactions(evidence: EvidenceStore, batch_id: int) -> list[str]:
    return evidence.created_nodes(batch_id, "Interaction")


def rescore_after_import(store: GraphStore, evidence: EvidenceStore,
                         batch_id: int) -> RescoreReport | None:
    """None when the batch brought no new interaction (nothing to rescore). What the
    rescore wrote is recorded as the batch's changes, also when it fails half-way."""
    ids = new_interactions(evidence, batch_id)
    if not ids:
        return None
    log = TieLog(store)
    try:
        return rescore_interactions(store, ids, get_strength_settings(), datetime.now(UTC),
                                    before_write=log.read_before)
    finally:
        evidence.record_changes(batch_id, log.changes())


class TieLog:
    """The KNOWS ties of the pairs a rescore is about to write, as they were before it,
    and the changes it made to them."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self.pairs: PairLabels = {}
        self.before: Ties = {}

    def read_before(self, pairs: PairLabels) -> None:
        self.pairs = pairs
        self.before = self._read()

    def changes(self) -> list[Change]:
        """What the rescore created (no `before`) or changed (with it)."""
        if not self.pairs:
            return []
        changes = []
        for key, props in self._read().items():
            src_label, src, dst_label, dst = key
            old = self.before.get(key)
            if old == props or (src_label, dst_label) not in Knows.ENDPOINTS:
                continue
            changes.append(Change(
                kind="edge", op="create" if old is None else "update",
                label=edge_key("KNOWS", src_label, dst_label), rel_type="KNOWS",
                src_label=src_label, src_id=src, dst_label=dst_label, dst_id=dst, before=old))
        return changes

    def _read(self) -> Ties:
        groups: dict[str, list[dict[str, str]]] = {}
        for (a, b), labels in self.pairs.items():
            if labels in Knows.ENDPOINTS:  # the ends the undo has queries for
                name = f"imports/knows_pair/{labels[0].lower()}__{labels[1].lower()}"
                groups.setdefault(name, []).append({"a": a, "b": b})
        ties: Ties = {}
        for name, rows in groups.items():
            for start in range(0, len(rows), _PAIRS_PER_READ):
                for r in self.store.read(name, {"rows": rows[start:start + _PAIRS_PER_READ]}):
                    key = (str(r["src_label"]), str(r["src"]), str(r["dst_label"]),
                           str(r["dst"]))
                    ties[key] = jsonable(r["props"])
        return ties

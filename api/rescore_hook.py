"""After an import commits interactions, rescore only the relationships they touch.

The import pipeline lives in graph/ and may not depend on intel/; this is where the two
meet (the CLI and the API call it after approving a batch).
"""

from __future__ import annotations

from datetime import UTC, datetime

from graph.evidence import EvidenceStore
from graph.store import GraphStore
from intel.strength import RescoreReport, get_strength_settings, rescore_interactions


def new_interactions(evidence: EvidenceStore, batch_id: int) -> list[str]:
    return evidence.created_nodes(batch_id, "Interaction")


def rescore_after_import(store: GraphStore, evidence: EvidenceStore,
                         batch_id: int) -> RescoreReport | None:
    """None when the batch brought no new interaction (nothing to rescore)."""
    ids = new_interactions(evidence, batch_id)
    if not ids:
        return None
    return rescore_interactions(store, ids, get_strength_settings(), datetime.now(UTC))

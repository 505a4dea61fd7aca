"""Deleting after the graph grew. FalkorDB 4.16 deletes a node whose label matrix lags the
graph's size (nodes of other labels created since) but leaves it in that label without
properties: every later read of the label fails with "Attempted to access undefined
attribute". An import's undo met it when a batch's last contacts were followed by
enough interactions; the delete queries now remove the label first."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

from graph.evidence import EvidenceStore
from graph.imports import ImportService
from graph.imports.merge import merge_nodes
from graph.model import Interaction
from graph.rows import node_row
from graph.store import GraphStore
from tests.evidence_fixtures import evidence, session_evidence  # noqa: F401

GROWTH = 20_000  # more nodes than the label matrices were sized for (FalkorDB grows them)
T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def _contacts_csv(n: int) -> bytes:
    lines = ["Record ID,First Name,Last Name,Email,Job Title"]
    lines += [f"{700 + i},Ana,Lima{i},ana{i}@example.com,Manager" for i in range(n)]
    return ("\n".join(lines) + "\n").encode()


def _grow(store: GraphStore) -> None:
    """Interactions written as an approve writes them, with no checkpoint after: the bulk
    loader's checkpoint rewrites the engine's files, which brings every matrix up to size
    and hides the bug."""
    rows = [node_row(Interaction(id=f"int_{i}", kind="EMAIL", at=T0, created_at=T0,
                                 updated_at=T0)) for i in range(GROWTH)]
    for start in range(0, GROWTH, 5000):
        store.write_rows("load/nodes/interaction", rows[start:start + 5000])


def _contact_ids(store: GraphStore) -> list[str]:
    # A scan of the label that reads a property: a ghost makes it fail.
    return sorted(str(r["id"]) for r in store.read_cypher("MATCH (c:Contact) RETURN c.id AS id"))


def test_undo_after_the_graph_grew(store: GraphStore, evidence: EvidenceStore) -> None:  # noqa: F811
    service = ImportService(store, evidence)
    staged = service.stage("hubspot-contacts", "contacts.csv", _contacts_csv(50))
    service.approve(staged.batch_id)
    assert len(_contact_ids(store)) == 50
    _grow(store)
    result = service.undo(staged.batch_id)
    assert result.deleted_nodes == 50
    assert _contact_ids(store) == []
    assert store.read_cypher("MATCH (i:Interaction) RETURN count(i.id) AS n") == [{"n": GROWTH}]


def test_merge_after_the_graph_grew(store: GraphStore, evidence: EvidenceStore) -> None:  # noqa: F811
    service = ImportService(store, evidence)
    service.approve(service.stage("hubspot-contacts", "contacts.csv",
                                  _contacts_csv(2)).batch_id)
    keep, drop = _contact_ids(store)
    _grow(store)
    merge_nodes(store, evidence, "Contact", keep, drop, actor="test")
    assert _contact_ids(store) == [keep]


def test_every_node_delete_removes_its_label_first() -> None:
    """A guard for the next delete query written: each that deletes a labelled node
    removes that label first. `admin/delete_batch` (labels unknown) only empties a Neo4j
    graph; FalkorDB's reset drops the whole graph."""
    root = Path(__file__).resolve().parent.parent / "cypher"
    deletes = 0
    for path in sorted(root.rglob("*.cypher")):
        text = "\n".join(line for line in path.read_text().splitlines()
                         if not line.startswith("//"))
        for var in re.findall(r"DELETE (\w+)", text):
            if re.search(rf"\[{var}[:\]]", text):
                continue  # a relationship
            label = re.search(rf"\({var}:(\w+)", text)
            if label is None:
                assert path.relative_to(root).as_posix() in _UNLABELLED, path
                continue
            deletes += 1
            remove = text.find(f"REMOVE {var}:{label.group(1)}")
            assert 0 <= remove < text.find(f"DELETE {var}"), path
    assert deletes == 7


_UNLABELLED = {"admin/delete_batch.cypher"}

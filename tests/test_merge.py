"""Merging two contacts (or accounts): both histories kept, relationships moved, audited."""

from __future__ import annotations

from contextlib import nullcontext
from datetime import date

import pytest
from typer.testing import CliRunner

from graph.errors import InvalidInput, NotFound
from graph.evidence import EvidenceStore
from graph.loader import BulkLoader
from graph.model import Account, Knows, StakeholderIn, WorksAt
from graph.store import GraphStore
from tests.conftest import T0

# The evidence-store fixtures, shared with the import tests (one PostgreSQL per session).
from tests.evidence_fixtures import evidence, session_evidence  # noqa: F401
from tests.factories import account, contact, deal, member


@pytest.fixture
def twins(store: GraphStore) -> GraphStore:
    """ct_1 and ct_9 are the same Ana: ct_9 has her phone, another employer record, a
    knows-edge to Maya and one to Tom (ct_2) that ct_1 also has, and knows ct_1 itself."""
    ana = contact(1, sources=["import:1:2"])
    twin = contact(9, name="Ana Silva", email="ana.silva@home.pt", phone="+351900000000",
                   sources=["import:2:7"])
    tom, maya = contact(2), member(1)
    acc, other = account(1), Account(id="acc_2", created_at=T0, updated_at=T0, name="Initech")
    d = deal(1)
    edges = {
        "KNOWS": [Knows(src=tom.ref, dst=ana.ref, strength=50, sources=["a"]),
                  Knows(src=tom.ref, dst=twin.ref, strength=70, sources=["b"]),
                  Knows(src=ana.ref, dst=twin.ref, strength=90),
                  Knows(src=maya.ref, dst=twin.ref, strength=80, first_seen=T0)],
        "WORKS_AT": [WorksAt(src=ana.ref, dst=acc.ref, title="CFO"),
                     WorksAt(src=twin.ref, dst=other.ref, current=False,
                             start=date(2015, 1, 1), end=date(2019, 1, 1))],
        "STAKEHOLDER_IN": [StakeholderIn(src=twin.ref, dst=d.ref, role="DECISION_MAKER")],
    }
    BulkLoader(store).load({"Member": [maya], "Account": [acc, other],
                            "Contact": [ana, twin, tom], "Deal": [d]}, edges)
    return store


def test_merge_keeps_both_histories(twins: GraphStore, evidence: EvidenceStore) -> None:  # noqa: F811
    from graph.imports.merge import merge_nodes

    result = merge_nodes(twins, evidence, "Contact", "ct_1", "ct_9", actor="test")
    assert result.dropped_between == 1 and "phone" in result.filled_fields
    assert result.moved == {"KNOWS": 2, "WORKS_AT": 1, "STAKEHOLDER_IN": 1}
    ana = twins.read_cypher("MATCH (c:Contact {id: 'ct_1'}) RETURN c")[0]["c"]
    assert ana["email"] == "ana1@globex.com" and ana["phone"] == "+351900000000"
    assert ana["emails"] == ["ana1@globex.com", "ana.silva@home.pt"]
    assert ana["sources"] == ["import:1:2", "import:2:7"]
    assert twins.read_cypher("MATCH (c:Contact {id: 'ct_9'}) RETURN c") == []
    rels = twins.read_cypher(
        "MATCH (c:Contact {id: 'ct_1'})-[r]-(x) RETURN type(r) AS t, x.id AS x, "
        "properties(r) AS p ORDER BY t, x")
    assert [(r["t"], r["x"]) for r in rels] == [
        ("KNOWS", "ct_2"), ("KNOWS", "mem_1"), ("STAKEHOLDER_IN", "deal_1"),
        ("WORKS_AT", "acc_1"), ("WORKS_AT", "acc_2")]
    tom = next(r["p"] for r in rels if r["x"] == "ct_2")
    assert tom["strength"] == 50 and tom["sources"] == ["a", "b"]  # one edge, both sources
    former = next(r["p"] for r in rels if r["x"] == "acc_2")
    assert former["current"] is False and former["end"] == date(2019, 1, 1)
    audit = evidence.audit_trail("Contact:ct_1")
    assert audit[0].action == "merge" and audit[0].details["removed"] == "ct_9"


def test_merge_refuses_unknown_and_self(twins: GraphStore, evidence: EvidenceStore) -> None:  # noqa: F811
    from graph.imports.merge import merge_nodes

    with pytest.raises(InvalidInput, match="itself"):
        merge_nodes(twins, evidence, "Contact", "ct_1", "ct_1")
    with pytest.raises(NotFound, match="ct_404"):
        merge_nodes(twins, evidence, "Contact", "ct_1", "ct_404")
    with pytest.raises(NotFound, match="account"):
        merge_nodes(twins, evidence, "Account", "acc_1", "ct_9")


def test_merge_accounts_from_the_cli(twins: GraphStore, evidence: EvidenceStore,  # noqa: F811
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from api import cli
    from graph import evidence as evidence_pkg

    monkeypatch.setattr(cli, "open_configured_store", lambda: nullcontext(twins))
    monkeypatch.setattr(evidence_pkg, "open_evidence", lambda settings: _Unclosed(evidence))
    result = CliRunner().invoke(cli.app, ["merge", "account", "acc_1", "acc_2"])
    assert result.exit_code == 0, result.output
    assert "Merged account acc_2 into acc_1: moved 1 WORKS_AT" in result.output
    rows = twins.read_cypher("MATCH (:Contact {id: 'ct_9'})-[w:WORKS_AT]->(a:Account) "
                             "RETURN a.id AS a")
    assert rows == [{"a": "acc_1"}]


class _Unclosed:
    """The session's evidence store, handed to the CLI without letting it close it."""

    def __init__(self, inner: EvidenceStore) -> None:
        self._inner = inner

    def __getattr__(self, name: str) -> object:
        return getattr(self._inner, name)

    def close(self) -> None:
        return None


def test_merge_over_http(twins: GraphStore, evidence: EvidenceStore) -> None:  # noqa: F811
    from fastapi.testclient import TestClient

    from tests.evidence_fixtures import api_app, bearer

    with TestClient(api_app(twins, evidence), headers=bearer(evidence, "admin")) as client:
        ok = client.post("/v1/contacts/ct_1/merge", json={"other": "ct_9"})
        assert ok.status_code == 200 and ok.json()["moved"]["KNOWS"] == 2
        again = client.post("/v1/contacts/ct_1/merge", json={"other": "ct_9"})
        assert again.status_code == 404
        assert again.headers["content-type"] == "application/problem+json"
        assert client.post("/v1/contacts/ct_1/merge", json={"other": "ct_1"}).status_code == 422

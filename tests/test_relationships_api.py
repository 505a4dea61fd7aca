"""Relationship strength through the CLI and the HTTP API."""

from __future__ import annotations

import json
from contextlib import nullcontext
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from api import cli
from graph.evidence import EvidenceStore
from graph.loader import BulkLoader
from graph.model import Interaction, InteractionKind, ParticipantRole, ParticipatedIn
from graph.store import GraphStore
from tests.conftest import T0
from tests.evidence_fixtures import api_app, bearer, evidence, session_evidence  # noqa: F401
from tests.factories import small_graph


@pytest.fixture
def scored_later(store: GraphStore) -> GraphStore:
    """The small graph plus a few two-way calls between Maya and Ana."""
    nodes, edges = small_graph()
    maya, ana = nodes["Member"][0].ref, nodes["Contact"][0].ref
    calls = [Interaction(id=f"int_{i}", created_at=T0, updated_at=T0, kind=InteractionKind.CALL,
                         at=T0 + timedelta(days=7 * i), participant_count=2) for i in range(5)]
    parts = [ParticipatedIn(src=who, dst=c.ref, role=ParticipantRole.ATTENDEE)
             for c in calls for who in (maya, ana)]
    BulkLoader(store).load({**nodes, "Interaction": calls},
                           {**edges, "PARTICIPATED_IN": parts})
    return store


def test_cli_rescore_then_relationships(scored_later: GraphStore,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "open_configured_store", lambda: nullcontext(scored_later))
    runner = CliRunner()
    done = runner.invoke(cli.app, ["rescore", "--as-of", "2026-02-15", "--json"])
    assert done.exit_code == 0, done.output
    assert json.loads(done.output)["pairs_scored"] >= 3
    listed = runner.invoke(cli.app, ["relationships", "mem_1"])
    assert listed.exit_code == 0 and "Ana Silva 1" in listed.output
    why = runner.invoke(cli.app, ["relationships", "mem_1", "--with", "ct_1",
                                  "--as-of", "2026-02-15"])
    assert why.exit_code == 0 and "recency" in why.output and "reciprocity" in why.output


def test_http_relationships(scored_later: GraphStore,
                            evidence: EvidenceStore) -> None:  # noqa: F811
    from intel.strength import get_strength_settings, rescore

    rescore(scored_later, get_strength_settings(), T0 + timedelta(days=45))
    with TestClient(api_app(scored_later, evidence),
                    headers=bearer(evidence, "viewer")) as client:
        listed = client.get("/v1/contacts/mem_1/relationships", params={"limit": 5})
        assert listed.status_code == 200
        top = listed.json()[0]
        assert top["id"] == "ct_1" and top["score"] > 0
        why = client.get("/v1/relationships/mem_1/ct_1").json()
        assert sum(d["contribution"] for d in why["drivers"]) == pytest.approx(why["score"],
                                                                              abs=0.05)
        missing = client.get("/v1/contacts/ct_nobody/relationships")
        assert missing.status_code == 404
        assert missing.headers["content-type"] == "application/problem+json"

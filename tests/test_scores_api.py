"""Scores, pipeline and Oracle over HTTP and on the command line (hand-made graph)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from graph.evidence import EvidenceStore
from graph.loader import BulkLoader
from graph.pipeline import StageService, load_pipeline_settings
from graph.store import GraphStore
from tests.evidence_fixtures import api_app, bearer, evidence, session_evidence  # noqa: F401
from tests.factories import oracle_graph


@pytest.fixture
def graph(store: GraphStore) -> GraphStore:
    BulkLoader(store).load(*oracle_graph())
    return store


def api(store: GraphStore, evidence: EvidenceStore,  # noqa: F811
        role: str = "seller") -> TestClient:
    """The whole API (auth included) with a real key of `role`."""
    return TestClient(api_app(store, evidence), headers=bearer(evidence, role))


def test_http_scores_and_stage_moves(graph: GraphStore,
                                     evidence: EvidenceStore) -> None:  # noqa: F811
    client = api(graph, evidence)
    got = client.get("/v1/accounts/acc_1/health")
    assert got.status_code == 200, got.text
    health = got.json()
    assert sum(d["contribution"] for d in health["drivers"]) == pytest.approx(health["score"])
    assert health["next_actions"] and health["next_actions"][0]["evidence"]
    deal = client.get("/v1/deals/d1/score").json()
    assert deal["stage"] == "06-PROPOSAL" and 0 <= deal["win_probability"] <= 1
    assert client.get("/v1/deals/nope/score").status_code == 404
    refused = client.post("/v1/deals/d1/stage", json={"stage": "08-COMMITTED"})
    assert refused.status_code == 409
    assert refused.headers["content-type"] == "application/problem+json"
    assert [r["code"] for r in refused.json()["reasons"]] == ["skips_stages"]
    lost = client.post("/v1/deals/d1/stage", json={"stage": "CLOSED_LOST"})
    assert [r["code"] for r in lost.json()["reasons"]] == ["missing_loss_reason"]
    moved = client.post("/v1/deals/d1/stage", json={"stage": "07-NEGOTIATION", "by": "mem_2"})
    assert moved.status_code == 200 and moved.json()["from_stage"] == "06-PROPOSAL"
    assert evidence.audit_trail("Deal:d1")[0].actor == "mem_2"
    history = client.get("/v1/deals/d1/history").json()
    assert [s["to_stage"] for s in history["steps"]][-1] == "07-NEGOTIATION"
    owner = client.post("/v1/deals/d1/owner", json={"owner": "mem_2", "by": "lead"})
    assert owner.json()["previous"] == ["mem_1"]
    assert evidence.audit_trail("Deal:d1")[0].action == "deal.owner"
    assert client.post("/v1/deals/d1/owner", json={"owner": "mem_9"}).status_code == 404
    bad = client.post("/v1/deals/d1/stage", json={"stage": "10-NOPE"})
    assert bad.status_code == 422 and "stage" in bad.json()["detail"]


def test_http_oracle(graph: GraphStore, evidence: EvidenceStore) -> None:  # noqa: F811
    client = api(graph, evidence)
    view = client.get("/v1/pipeline").json()
    assert view["open_deals"] == 4 and len(view["stages"]) == 8
    forecast = client.get("/v1/forecast").json()
    assert forecast["totals"]["pipeline"] == 430_000
    alerts = client.get("/v1/alerts", params={"kind": "stuck_deal"}).json()
    assert {a["kind"] for a in alerts["alerts"]} == {"stuck_deal"}
    assert client.get("/v1/alerts", params={"kind": "nope"}).status_code == 422
    assert client.get("/v1/winloss").json()["closed"] == 2


def test_cli(graph: GraphStore, evidence: EvidenceStore,  # noqa: F811
             monkeypatch: pytest.MonkeyPatch) -> None:
    from api import cli, cli_pipeline

    monkeypatch.setattr(cli, "open_configured_store", lambda: nullcontext(graph))

    @contextmanager
    def service() -> Iterator[StageService]:
        yield StageService(graph, evidence, load_pipeline_settings())

    monkeypatch.setattr(cli_pipeline, "open_stage_service", service)
    runner = CliRunner()

    def run(*args: str) -> Any:
        result = runner.invoke(cli.app, list(args))
        assert result.exit_code == 0, result.output
        return result.output

    deal = json.loads(run("score", "deal", "d1", "--as-of", "2026-03-15", "--json"))
    assert deal["deal_id"] == "d1" and deal["drivers"][0]["name"] == "base rate"
    assert "health" in run("score", "account", "acc_1", "--as-of", "2026-03-15")
    assert "06-PROPOSAL" in run("pipeline", "--as-of", "2026-03-15")
    assert "commit" in run("forecast", "--as-of", "2026-03-15")
    assert "stuck_deal" in run("alerts", "--as-of", "2026-03-15")
    assert "PRICE" in run("winloss")
    assert "stored on the graph" in run("score", "all", "--as-of", "2026-03-15")
    stored = graph.read_cypher("MATCH (d:Deal) WHERE d.win_probability IS NOT NULL "
                               "RETURN d.id AS id ORDER BY id")
    assert [r["id"] for r in stored] == ["d1", "d2", "d3", "d4", "d5"]
    health = graph.read_cypher("MATCH (a:Account {id: 'acc_1'}) RETURN a.health AS h")
    assert 0 <= health[0]["h"] <= 100
    assert runner.invoke(cli.app, ["score", "deal"]).exit_code != 0
    assert "QUALIFIED" in run("deal", "stage", "d3", "03-QUALIFIED", "--by", "mem_1")
    assert "-> mem_2" in run("deal", "owner", "d3", "mem_2")
    assert "In 03-QUALIFIED" in run("deal", "history", "d3")
    refused = runner.invoke(cli.app, ["deal", "stage", "d3", "09-CLOSED_WON"])
    assert refused.exit_code != 0 and "skips" in str(refused.exception)

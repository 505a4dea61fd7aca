"""Probable duplicates the user decides (merge or split) before approving, through the
service, the CLI and the API, on the real embedded PostgreSQL and FalkorDB."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
import typer
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from graph.errors import InvalidInput, NotFound
from graph.evidence import EvidenceStore
from graph.imports import BatchStateError, ImportService, Preview
from graph.store import GraphStore
from tests.evidence_fixtures import (  # noqa: F401
    bearer,
    evidence,
    fixture_bytes,
    import_api,
    import_cli,
    session_evidence,
)

MEMBER = "maria@rapport.example"
OTHER_ANA = (b"Record ID,First Name,Last Name,Email,Associated Company\n"
             b"601,Ana,Lima,ana@elsewhere.example,Acme Lda\n")


@pytest.fixture(params=[20_000, 1], ids=["one-chunk", "row-by-row"])
def service(request: pytest.FixtureRequest, store: GraphStore,
            evidence: EvidenceStore) -> ImportService:  # noqa: F811
    """Duplicates across chunks (a row at a time) must be found and numbered as within one."""
    svc = ImportService(store, evidence, chunk_rows=request.param)
    svc.add_member("Maria Member", MEMBER, title="Broker", business_unit="Residential")
    return svc


def _anas(store: GraphStore) -> list[dict[str, Any]]:
    rows = store.read_cypher("MATCH (c:Contact {name: 'Ana Lima'}) RETURN properties(c) AS p "
                             "ORDER BY c.id")
    return [r["p"] for r in rows]


def _linkedin_then_hubspot(service: ImportService) -> Preview:
    first = service.stage("linkedin", "linkedin_Connections.csv",
                          fixture_bytes("linkedin_Connections.csv"), member=MEMBER)
    service.approve(first.batch_id)
    return service.stage("hubspot-contacts", "hubspot_contacts.csv",
                         fixture_bytes("hubspot_contacts.csv"))


def _ana(preview: Preview) -> Any:
    return next(d for d in preview.probable_duplicates if d.name == "Ana Lima")


def test_default_is_the_preview_verdict_and_numbers_are_stable(
        service: ImportService, store: GraphStore) -> None:
    preview = _linkedin_then_hubspot(service)
    numbers = [d.number for d in preview.probable_duplicates]
    assert numbers == list(range(1, len(numbers) + 1))
    ana = _ana(preview)
    assert ana.merged and ana.decision is None and ana.candidate_ref == ana.candidate_id
    assert service.preview(preview.batch_id).probable_duplicates == preview.probable_duplicates
    done = service.approve(preview.batch_id)
    assert _ana(done).number == ana.number  # same number after approve
    assert len(_anas(store)) == 1  # no decision: merged, as before


def test_split_creates_a_new_node(service: ImportService, store: GraphStore) -> None:
    preview = _linkedin_then_hubspot(service)
    ana = _ana(preview)
    result = service.decide_duplicate(preview.batch_id, ana.number, "split")
    assert result.decision == "split" and result.duplicate.candidate_id == ana.candidate_id
    assert _ana(service.preview(preview.batch_id)).decision == "split"
    done = service.approve(preview.batch_id)
    assert _ana(done).decision == "split" and not _ana(done).merged
    anas = _anas(store)
    assert len(anas) == 2
    old = next(a for a in anas if a["id"] == ana.candidate_id)
    new = next(a for a in anas if a["id"] != ana.candidate_id)
    assert old.get("email") is None and old["sources"] == ["import:1:5"]
    assert new["email"] == "ana.lima@acme.pt"
    assert new["sources"] == [f"import:{preview.batch_id}:2"]
    trail = service.evidence.audit_trail(f"batch:{preview.batch_id}")
    assert any(e.action == "duplicate.split" for e in trail)


def test_merge_joins_records_the_default_kept_apart(service: ImportService,
                                                   store: GraphStore) -> None:
    first = service.stage("hubspot-contacts", "hubspot_contacts.csv",
                          fixture_bytes("hubspot_contacts.csv"))
    service.approve(first.batch_id)
    preview = service.stage("hubspot-contacts", "other.csv", OTHER_ANA)
    dup = preview.probable_duplicates[0]
    assert dup.number == 1 and not dup.merged and "different emails" in dup.reason
    service.decide_duplicate(preview.batch_id, 1, "merge")
    service.approve(preview.batch_id)
    anas = _anas(store)
    assert len(anas) == 1
    ana = anas[0]
    assert ana["id"] == dup.candidate_id
    assert ana["email"] == "ana.lima@acme.pt"  # the primary email stays
    assert set(ana["emails"]) >= {"ana.lima@acme.pt", "ana@elsewhere.example"}
    assert ana["sources"] == [f"import:{first.batch_id}:2", f"import:{preview.batch_id}:2"]
    assert sorted(ana["external_ids"]) == ["hubspot:501", "hubspot:601"]


def test_in_file_duplicates_can_be_split(service: ImportService, store: GraphStore) -> None:
    data = (b"Record ID,First Name,Last Name,Email,Associated Company\n"
            b"701,Rita,Sousa,,Acme Lda\n"
            b"702,Rita,Sousa,rita@acme.pt,Acme Lda\n")
    preview = service.stage("hubspot-contacts", "ritas.csv", data)
    dup = preview.probable_duplicates[0]
    assert dup.merged and dup.candidate_ref == "row:2" and dup.row == 3
    service.decide_duplicate(preview.batch_id, dup.number or 0, "split")
    service.approve(preview.batch_id)
    assert len(store.read_cypher("MATCH (c:Contact {name: 'Rita Sousa'}) RETURN c.id")) == 2


def test_decision_errors(service: ImportService) -> None:
    preview = _linkedin_then_hubspot(service)
    with pytest.raises(NotFound, match="no import batch 99"):
        service.decide_duplicate(99, 1, "merge")
    with pytest.raises(NotFound, match="no probable duplicate 42"):
        service.decide_duplicate(preview.batch_id, 42, "merge")
    with pytest.raises(InvalidInput, match="merge or split"):
        service.decide_duplicate(preview.batch_id, 1, "maybe")
    service.approve(preview.batch_id)
    with pytest.raises(BatchStateError, match="committed"):
        service.decide_duplicate(preview.batch_id, 1, "split")


# -- HTTP -----------------------------------------------------------------------------------
@pytest.fixture
def client(store: GraphStore, evidence: EvidenceStore) -> Iterator[TestClient]:  # noqa: F811
    with TestClient(import_api(store, evidence), headers=bearer(evidence, "admin")) as c:
        yield c


def test_api_decides_and_refuses(service: ImportService, client: TestClient,
                                 store: GraphStore) -> None:
    preview = _linkedin_then_hubspot(service)
    n = _ana(preview).number
    url = f"/v1/imports/{preview.batch_id}/duplicates"
    ok = client.post(f"{url}/{n}", json={"decision": "split"})
    assert ok.status_code == 200, ok.text
    assert ok.json()["decision"] == "split" and ok.json()["duplicate"]["number"] == n
    shown = client.get(f"/v1/imports/{preview.batch_id}").json()["probable_duplicates"]
    assert next(d for d in shown if d["number"] == n)["decision"] == "split"
    assert client.post(f"{url}/42", json={"decision": "merge"}).status_code == 404
    assert client.post("/v1/imports/99/duplicates/1",
                       json={"decision": "merge"}).status_code == 404
    assert client.post(f"{url}/{n}", json={"decision": "maybe"}).status_code == 422
    assert client.post(f"/v1/imports/{preview.batch_id}/approve").status_code == 200
    late = client.post(f"{url}/{n}", json={"decision": "merge"})
    assert late.status_code == 409
    assert late.headers["content-type"] == "application/problem+json"
    assert len(_anas(store)) == 2


# -- CLI ------------------------------------------------------------------------------------
@pytest.fixture
def cli(service: ImportService, monkeypatch: pytest.MonkeyPatch) -> typer.Typer:
    app: typer.Typer = import_cli(service, monkeypatch)
    return app


def test_cli_preview_shows_numbers_and_resolve_decides(cli: typer.Typer,
                                                       service: ImportService,
                                                       store: GraphStore) -> None:
    runner = CliRunner()
    preview = _linkedin_then_hubspot(service)
    batch, n = str(preview.batch_id), str(_ana(preview).number)
    text = runner.invoke(cli, ["import", "preview", batch]).output
    assert f"#{n} row 2: Ana Lima ~ Ana Lima" in text
    assert f"rapport import resolve {batch} N --merge|--split" in text
    as_json = json.loads(runner.invoke(cli, ["import", "preview", batch, "--json"]).output)
    assert as_json["probable_duplicates"][0]["number"] == 1
    out = runner.invoke(cli, ["import", "resolve", batch, n, "--split"])
    assert out.exit_code == 0, out.output
    assert f"duplicate #{n} (Ana Lima ~ Ana Lima): split" in out.output
    assert "split (decided)" in runner.invoke(cli, ["import", "preview", batch]).output
    both = runner.invoke(cli, ["import", "resolve", batch, n, "--split", "--merge"])
    assert both.exit_code != 0 and isinstance(both.exception, InvalidInput)
    runner.invoke(cli, ["import", "approve", batch])
    assert len(_anas(store)) == 2

"""The account views over HTTP: every account's summary (health history, owners, open
pipeline), an account's interaction timeline and its org chart, with the privacy rule."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from graph.evidence import EvidenceStore
from graph.loader import BulkLoader
from graph.model import (
    Interaction,
    InteractionKind,
    Knows,
    KnowsOrigin,
    Member,
    ParticipantRole,
    ParticipatedIn,
    ReportsTo,
    WorksAt,
)
from graph.store import GraphStore
from tests.conftest import T0
from tests.evidence_fixtures import api_app, bearer, evidence, session_evidence  # noqa: F401
from tests.factories import contact, oracle_graph


@pytest.fixture
def graph(store: GraphStore) -> GraphStore:
    BulkLoader(store).load(*oracle_graph())
    return store


def client(store: GraphStore, evidence: EvidenceStore,  # noqa: F811
           role: str = "viewer", member: str | None = None) -> TestClient:
    return TestClient(api_app(store, evidence), headers=bearer(evidence, role, member))


def _meeting(i: int, day: int, *people: Any) -> tuple[Interaction, list[ParticipatedIn]]:
    at = T0 + timedelta(days=day)
    meeting = Interaction(id=f"int_x{i}", created_at=at, updated_at=at, at=at,
                          kind=InteractionKind.CALL, subject=f"Call {i}")
    return meeting, [ParticipatedIn(src=p.ref, dst=meeting.ref, role=ParticipantRole.ATTENDEE)
                     for p in people]


def test_summaries_of_every_account(graph: GraphStore,
                                    evidence: EvidenceStore) -> None:  # noqa: F811
    api = client(graph, evidence)
    page = api.get("/v1/accounts/summary")
    assert page.status_code == 200, page.text
    items = {s["account_id"]: s for s in page.json()["items"]}
    assert list(items) == ["acc_1", "acc_2"] and page.json()["next_cursor"] is None
    globex, initech = items["acc_1"], items["acc_2"]
    assert globex["owners"] == [{"member_id": "mem_1", "name": "Maya 1",
                                 "business_unit": "Residential"}]
    # d1, d2, d3, d5 are open (EUR); d6 won, d7 lost; d4 (GBP) is at Initech.
    assert globex["open_deals"] == 4 and globex["open_pipeline"] == 430_000
    assert initech["open_deals"] == 1 and initech["open_pipeline"] == 0
    assert initech["other_currency_deals"] == 1 and initech["owners"] == []
    assert "no_owner" in {f["code"] for f in initech["risk_flags"]}
    history = globex["health_history"]
    assert len(history) == 6 and history[-1]["score"] == globex["health"]
    assert [h["day"] for h in history] == sorted(h["day"] for h in history)
    single = api.get("/v1/accounts/acc_1/health").json()
    assert globex["health"] == pytest.approx(single["score"], abs=0.5)
    assert globex["churn_risk"] == pytest.approx(single["churn_risk"], abs=0.5)


@pytest.mark.parametrize(("params", "expected"), [
    ({"owned": "false"}, ["acc_2"]), ({"business_unit": "Residential"}, ["acc_1"]),
    ({"owner": "mem_1"}, ["acc_1"]), ({"tier": "GOLD"}, ["acc_1"]),
    ({"q": "initech"}, ["acc_2"]), ({"industry": "Fintech"}, ["acc_1", "acc_2"]),
    ({"owner": "mem_2"}, [])])
def test_summary_filters(graph: GraphStore, evidence: EvidenceStore,  # noqa: F811
                         params: dict[str, str], expected: list[str]) -> None:
    got = client(graph, evidence).get("/v1/accounts/summary", params=params)
    assert [s["account_id"] for s in got.json()["items"]] == expected


def test_summary_pages_and_refusals(graph: GraphStore,
                                    evidence: EvidenceStore) -> None:  # noqa: F811
    api = client(graph, evidence)
    first = api.get("/v1/accounts/summary", params={"limit": 1}).json()
    assert [s["account_id"] for s in first["items"]] == ["acc_1"] and first["next_cursor"]
    rest = api.get("/v1/accounts/summary", params={"limit": 1, "cursor": first["next_cursor"]})
    assert [s["account_id"] for s in rest.json()["items"]] == ["acc_2"]
    assert rest.json()["next_cursor"] is None
    assert api.get("/v1/accounts/summary", params={"cursor": "%%%"}).status_code == 422
    assert api.get("/v1/accounts/summary", params={"limit": 5000}).status_code == 422
    assert api.get("/v1/accounts/summary", params={"color": "red"}).status_code == 422
    assert TestClient(api_app(graph, evidence)).get("/v1/accounts/summary").status_code == 401
    # The route is matched before /v1/accounts/{id}; a plain account read still works.
    assert api.get("/v1/accounts/acc_1").json()["name"] == "Globex 1"


def test_archived_accounts_leave_the_summaries(graph: GraphStore,
                                               evidence: EvidenceStore) -> None:  # noqa: F811
    admin = client(graph, evidence, "admin")
    assert admin.delete("/v1/accounts/acc_2").status_code == 200
    items = admin.get("/v1/accounts/summary").json()["items"]
    assert [s["account_id"] for s in items] == ["acc_1"]


def test_interactions_newest_first_in_pages(graph: GraphStore,
                                            evidence: EvidenceStore) -> None:  # noqa: F811
    nodes, _ = oracle_graph()
    maya, ana = nodes["Member"][0], nodes["Contact"][0]
    calls = [_meeting(i, 30 + i, maya, ana) for i in range(3)]
    BulkLoader(graph).load({"Interaction": [c for c, _ in calls]},
                           {"PARTICIPATED_IN": [p for _, ps in calls for p in ps]})
    api = client(graph, evidence)
    page = api.get("/v1/accounts/acc_1/interactions", params={"limit": 2})
    assert page.status_code == 200, page.text
    body = page.json()
    assert [i["subject"] for i in body["items"]] == ["Call 2", "Call 1"]
    assert body["items"][0]["kind"] == "CALL"
    assert [(p["label"], p["id"]) for p in body["items"][0]["people"]] == [
        ("Member", "mem_1"), ("Contact", "ct_1")]
    rest = api.get("/v1/accounts/acc_1/interactions",
                   params={"limit": 2, "cursor": body["next_cursor"]}).json()
    assert [i["id"] for i in rest["items"]] == ["int_x0", "int_1"]
    assert rest["next_cursor"] is None
    assert api.get("/v1/accounts/acc_2/interactions").json()["items"] == []
    assert api.get("/v1/accounts/nope/interactions").status_code == 404
    assert api.get("/v1/accounts/acc_1/interactions",
                   params={"cursor": "bm9wZQ"}).status_code == 422


def _personal_tie(store: GraphStore) -> None:
    """Lin works at Globex and is only Raj's LinkedIn connection; Raj called her; she
    reports to ct_3, and ct_2 reports to her."""
    raj = Member(id="mem_raj", created_at=T0, updated_at=T0, name="Raj", email="raj@r.dev")
    lin = contact(9, name="Lin Wu")
    call, people = _meeting(9, 40, raj, lin)
    nodes, _ = oracle_graph()
    ct2, ct3 = nodes["Contact"][1], nodes["Contact"][2]
    BulkLoader(store).load(
        {"Member": [raj], "Contact": [lin], "Interaction": [call]},
        {"KNOWS": [Knows(src=raj.ref, dst=lin.ref, strength=75,
                         origins=[KnowsOrigin.LINKEDIN])],
         "WORKS_AT": [WorksAt(src=lin.ref, dst=nodes["Account"][0].ref)],
         "PARTICIPATED_IN": people,
         "REPORTS_TO": [ReportsTo(src=lin.ref, dst=ct3.ref), ReportsTo(src=ct2.ref, dst=lin.ref)]})


def test_personal_network_stays_out_of_the_timeline(graph: GraphStore,
                                                    evidence: EvidenceStore) -> None:  # noqa: F811
    _personal_tie(graph)

    def subjects(role: str, member: str | None = None) -> tuple[list[str], int]:
        body = client(graph, evidence, role, member).get(
            "/v1/accounts/acc_1/interactions").json()
        return [i["subject"] or i["id"] for i in body["items"]], body["hidden"]

    assert subjects("seller", "mem_1") == (["int_1"], 1)
    assert subjects("seller", "mem_raj") == (["Call 9", "int_1"], 0)
    assert subjects("admin") == (["Call 9", "int_1"], 0)


def test_org_chart_follows_reports_to(graph: GraphStore,
                                      evidence: EvidenceStore) -> None:  # noqa: F811
    nodes, _ = oracle_graph()
    ct1, ct2, ct3 = nodes["Contact"][:3]
    BulkLoader(graph).load({}, {"REPORTS_TO": [ReportsTo(src=ct2.ref, dst=ct1.ref),
                                               ReportsTo(src=ct3.ref, dst=ct2.ref)]})
    chart = client(graph, evidence).get("/v1/accounts/acc_1/org-chart")
    assert chart.status_code == 200, chart.text
    body = chart.json()
    people = {p["id"]: p for p in body["people"]}
    assert body["layout"] == "reports_to" and set(people) == {"ct_1", "ct_2", "ct_3"}
    assert [(people[c]["manager_id"], people[c]["level"]) for c in ("ct_1", "ct_2", "ct_3")] \
        == [(None, 0), ("ct_1", 1), ("ct_2", 2)]
    assert people["ct_1"]["key"] and people["ct_1"]["ties"] == [
        {"member_id": "mem_1", "member": "Maya 1", "strength": 82.0}]
    assert people["ct_2"]["gap"] and body["gaps"] == ["Ana Silva 2"]
    assert not people["ct_3"]["key"] and not people["ct_3"]["gap"]
    assert client(graph, evidence).get("/v1/accounts/nope/org-chart").status_code == 404


def test_org_chart_without_reports_to_uses_seniority(graph: GraphStore,
                                                     evidence: EvidenceStore) -> None:  # noqa: F811
    body = client(graph, evidence).get("/v1/accounts/acc_1/org-chart").json()
    assert body["layout"] == "seniority"
    assert {p["level"] for p in body["people"]} == {6}  # no seniority on these people
    assert all(p["manager_id"] is None for p in body["people"])


def test_org_chart_skips_people_a_caller_may_not_see(graph: GraphStore,
                                                     evidence: EvidenceStore) -> None:  # noqa: F811
    _personal_tie(graph)
    mine = client(graph, evidence, "seller", "mem_1").get("/v1/accounts/acc_1/org-chart")
    people = {p["id"]: p for p in mine.json()["people"]}
    assert "ct_9" not in people and mine.json()["hidden"] == 1
    assert people["ct_2"]["manager_id"] == "ct_3"  # Lin's report hangs from Lin's manager
    raj = client(graph, evidence, "seller", "mem_raj").get("/v1/accounts/acc_1/org-chart")
    people = {p["id"]: p for p in raj.json()["people"]}
    assert people["ct_2"]["manager_id"] == "ct_9" and people["ct_9"]["manager_id"] == "ct_3"

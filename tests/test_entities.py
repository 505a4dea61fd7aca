"""`/v1/{contacts,accounts,deals,properties,members}`: CRUD, filters, cursor pages, ETag /
If-Match (412), archive instead of delete, and the personal-network privacy rule."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from graph.evidence import EvidenceStore
from graph.loader import BulkLoader
from graph.model import Contact, Knows, KnowsOrigin, Member
from graph.store import GraphStore
from tests.conftest import T0
from tests.evidence_fixtures import api_app, bearer, evidence, session_evidence  # noqa: F401
from tests.factories import small_graph

NEW = {
    "contacts": {"name": "Lin Wu", "email": "Lin@Initech.com", "city": "Porto"},
    "accounts": {"name": "Initech", "domain": "https://www.initech.com/", "stage": "PROSPECT"},
    "deals": {"name": "Initech lease", "amount": 1000, "expected_close": "2026-06-30"},
    "properties": {"title": "T2 Baixa", "type": "APARTMENT", "city": "Lisbon", "price": 1e5},
    "members": {"name": "Rui Lopes", "email": "rui@rapport.dev"},
}
CHANGE = {"contacts": {"title": "CTO"}, "accounts": {"tier": "GOLD"},
          "deals": {"next_step": "call"}, "properties": {"status": "RESERVED"},
          "members": {"title": "AE"}}


@pytest.fixture
def client(store: GraphStore, evidence: EvidenceStore) -> Iterator[TestClient]:  # noqa: F811
    BulkLoader(store).load(*small_graph())
    with TestClient(api_app(store, evidence), headers=bearer(evidence, "admin")) as c:
        yield c


@pytest.mark.parametrize("kind", list(NEW))
def test_create_get_update_archive(client: TestClient, kind: str) -> None:
    made = client.post(f"/v1/{kind}", json=NEW[kind])
    assert made.status_code == 201, made.text
    entity = made.json()
    assert entity["rev"] == 0 and entity["sources"] == ["api"]
    url = f"/v1/{kind}/{entity['id']}"
    got = client.get(url)
    assert got.json() == entity and got.headers["etag"] == made.headers["etag"]
    etag = got.headers["etag"]
    changed = client.patch(url, json=CHANGE[kind], headers={"If-Match": etag})
    assert changed.status_code == 200, changed.text
    assert changed.json()["rev"] == 1 and changed.headers["etag"] != etag
    field, value = next(iter(CHANGE[kind].items()))
    assert changed.json()[field] == value
    stale = client.patch(url, json=CHANGE[kind], headers={"If-Match": etag})
    assert stale.status_code == 412 and stale.json()["type"].endswith("/precondition-failed")
    assert client.delete(url, headers={"If-Match": etag}).status_code == 412
    archived = client.delete(url, headers={"If-Match": changed.headers["etag"]})
    assert archived.status_code == 200 and archived.json()["archived"] is True
    ids = [e["id"] for e in client.get(f"/v1/{kind}", params={"limit": 200}).json()["items"]]
    assert entity["id"] not in ids
    everything = client.get(f"/v1/{kind}", params={"include_archived": True, "limit": 200})
    assert entity["id"] in [e["id"] for e in everything.json()["items"]]
    assert client.get(url).json()["archived"] is True  # archived, never deleted


def test_canonical_rules_and_conflicts_are_problems(client: TestClient) -> None:
    normalised = client.post("/v1/accounts", json=NEW["accounts"]).json()
    assert normalised["domain"] == "initech.com"
    taken = client.post("/v1/contacts", json={"id": "ct_1", "name": "Twin"})
    assert taken.status_code == 409
    lost = client.post("/v1/deals", json={"name": "x", "stage": "CLOSED_LOST"})
    assert lost.status_code == 422 and "loss_reason" in lost.json()["detail"]
    bad = client.patch("/v1/deals/deal_1", json={"stage": "CLOSED_LOST"})
    assert bad.status_code == 422
    assert client.get("/v1/contacts/nobody").status_code == 404
    assert client.get("/v1/contacts", params={"cursor": "%%%"}).status_code == 422


def test_filters_and_cursor_pages(client: TestClient) -> None:
    for i in range(5):
        client.post("/v1/accounts", json={"id": f"acc_p{i}", "name": f"Page {i}",
                                          "industry": "Retail" if i % 2 else "Fintech"})
    seen: list[str] = []
    cursor = None
    while True:
        params = {"limit": 2, "q": "page"} | ({"cursor": cursor} if cursor else {})
        page = client.get("/v1/accounts", params=params).json()
        seen += [a["id"] for a in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == [f"acc_p{i}" for i in range(5)]
    retail = client.get("/v1/accounts", params={"industry": "Retail"}).json()["items"]
    assert [a["id"] for a in retail] == ["acc_p1", "acc_p3"]
    at_globex = client.get("/v1/contacts", params={"account": "acc_1"}).json()["items"]
    assert {c["id"] for c in at_globex} == {"ct_1", "ct_2", "ct_3"}
    deals = client.get("/v1/deals", params={"account": "acc_1", "stage": "06-PROPOSAL"})
    assert [d["id"] for d in deals.json()["items"]] == ["deal_1"]
    assert client.get("/v1/accounts", params={"limit": 500}).status_code == 422


# -- privacy -----------------------------------------------------------------------------
@pytest.fixture
def network(store: GraphStore, evidence: EvidenceStore) -> dict[str, dict[str, str]]:  # noqa: F811
    """Maya's LinkedIn connection Lin; Raj knows Bo from meetings and knows Maya."""
    people = [Member(id=m, created_at=T0, updated_at=T0, name=n, email=f"{m}@rapport.dev")
              for m, n in (("mem_maya", "Maya Costa"), ("mem_raj", "Raj Iyer"))]
    contacts = [Contact(id=c, created_at=T0, updated_at=T0, name=n)
                for c, n in (("ct_lin", "Lin Wu"), ("ct_bo", "Bo Chen"))]
    ref = {p.id: p.ref for p in [*people, *contacts]}
    knows = [Knows(src=ref["mem_maya"], dst=ref["ct_lin"], strength=80,
                   origins=[KnowsOrigin.LINKEDIN]),
             Knows(src=ref["mem_raj"], dst=ref["ct_bo"], strength=70,
                   origins=[KnowsOrigin.INTERACTION]),
             Knows(src=ref["mem_raj"], dst=ref["mem_maya"], strength=90,
                   origins=[KnowsOrigin.COLLEAGUE])]
    BulkLoader(store).load({"Member": people, "Contact": contacts}, {"KNOWS": knows})
    return {"maya": bearer(evidence, "seller", "mem_maya"),
            "raj": bearer(evidence, "seller", "mem_raj"),
            "admin": bearer(evidence, "admin"), "agent": bearer(evidence, "agent")}


def _listed(c: TestClient, key: dict[str, str]) -> set[str]:
    return {x["id"] for x in c.get("/v1/contacts", headers=key).json()["items"]}


def test_personal_network_only_through_intro_paths(
        store: GraphStore, evidence: EvidenceStore,  # noqa: F811
        network: dict[str, dict[str, str]]) -> None:
    with TestClient(api_app(store, evidence)) as c:
        assert _listed(c, network["raj"]) == {"ct_bo"}
        assert _listed(c, network["agent"]) == {"ct_bo"}
        assert _listed(c, network["maya"]) == {"ct_lin", "ct_bo"}
        assert _listed(c, network["admin"]) == {"ct_lin", "ct_bo"}
        assert c.get("/v1/contacts/ct_lin", headers=network["raj"]).status_code == 404
        assert c.get("/v1/contacts/ct_lin", headers=network["maya"]).status_code == 200
        ties = c.get("/v1/contacts/mem_maya/relationships", headers=network["raj"]).json()
        assert "ct_lin" not in {t["id"] for t in ties}
        # ... but Raj still learns that Maya can introduce him.
        intro = c.post("/v1/intros", json={"to": "ct_lin", "from_member": "mem_raj"},
                       headers=network["raj"]).json()
        assert [t["member"]["id"] for t in intro["teammates"]] == ["mem_maya"]
        # Maya shares her network: colleagues now see Lin.
        shared = c.patch("/v1/members/mem_maya", json={"shares_network": True},
                         headers=network["maya"])
        assert shared.status_code == 200, shared.text
        assert _listed(c, network["raj"]) == {"ct_lin", "ct_bo"}


def test_member_opts_out_of_introducing(store: GraphStore, evidence: EvidenceStore,  # noqa: F811
                                        network: dict[str, dict[str, str]]) -> None:
    with TestClient(api_app(store, evidence)) as c:
        other = c.patch("/v1/members/mem_maya", json={"introducer_opt_out": True},
                        headers=network["raj"])
        assert other.status_code == 403  # only Maya (or an admin) edits Maya's record
        mine = c.patch("/v1/members/mem_maya", json={"introducer_opt_out": True},
                       headers=network["maya"])
        assert mine.status_code == 200 and mine.json()["introducer_opt_out"] is True
        intro = c.post("/v1/intros", json={"to": "ct_lin", "from_member": "mem_raj"},
                       headers=network["raj"]).json()
        assert intro["teammates"] == [] and intro["paths"] == []

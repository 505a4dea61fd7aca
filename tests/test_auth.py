"""API keys, roles over every route, rate limit, body limit, request ids and the audit."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.auth.keys import KeyStore, digest
from api.auth.roles import ROLE_PERMISSIONS, Permission, Role
from api.policy import POLICY, PUBLIC
from graph.evidence import EvidenceStore
from graph.store import GraphStore
from tests.evidence_fixtures import api_app, bearer, evidence, session_evidence  # noqa: F401

# What each role may do, written out by hand: the policy table must agree with it.
EXPECTED: dict[Role, set[Permission]] = {
    Role.VIEWER: {Permission.READ, Permission.SEARCH},
    Role.SELLER: {Permission.READ, Permission.SEARCH, Permission.INTROS, Permission.ASK,
                  Permission.WRITE},
    Role.AGENT: {Permission.READ, Permission.SEARCH, Permission.INTROS, Permission.ASK},
    Role.ADMIN: set(Permission),
}


@pytest.fixture
def app(store: GraphStore, evidence: EvidenceStore) -> Iterator[TestClient]:  # noqa: F811
    # A big bucket: the role walk makes more calls per key than the default burst.
    with TestClient(api_app(store, evidence, burst=10_000)) as client:
        yield client


def _operations(client: TestClient) -> list[tuple[str, str, str]]:
    """(method, url with every path parameter set to 1, operation id) of every route the
    app serves, read from its OpenAPI document (which walks included routers)."""
    spec = client.get("/openapi.json").json()
    return [(method.upper(), re.sub(r"\{[^}]+\}", "1", path), op["operationId"])
            for path, ops in spec["paths"].items() for method, op in ops.items()]


def test_roles_grant_what_the_brief_says() -> None:
    assert {role: set(perms) for role, perms in ROLE_PERMISSIONS.items()} == EXPECTED


def test_every_route_has_a_policy(app: TestClient) -> None:
    operations = _operations(app)
    missing = [f"{m} {url}" for m, url, op in operations if op not in POLICY and op not in PUBLIC]
    assert missing == [] and len(operations) >= 18


def test_each_role_can_do_exactly_what_it_should(app: TestClient,
                                                 evidence: EvidenceStore) -> None:  # noqa: F811
    headers = {role: bearer(evidence, role.value) for role in Role}
    checked = 0
    for method, url, operation in _operations(app):
        if operation in PUBLIC:
            continue
        needed = POLICY[operation]
        assert app.request(method, url).status_code == 401, url
        for role in Role:
            status = app.request(method, url, headers=headers[role]).status_code
            if needed in EXPECTED[role]:
                assert status not in (401, 403), (role, method, url, status)
            else:
                assert status == 403, (role, method, url, status)
            checked += 1
    assert checked >= 4 * 16


def test_public_probes_need_no_key(app: TestClient) -> None:
    assert app.get("/health").json() == {"status": "ok"}
    ready = app.get("/ready")
    assert ready.status_code == 200
    assert ready.json()["graph"] == "ok" and ready.json()["postgres"] == "ok"


def test_key_is_stored_hashed_and_revocable(app: TestClient,
                                            evidence: EvidenceStore) -> None:  # noqa: F811
    keys = KeyStore(evidence)
    issued = keys.create(Role.VIEWER, label="laptop")
    with evidence.transaction() as cur:
        cur.execute("SELECT token_sha256 FROM api_key WHERE id = %s", (issued.id,))
        row = cur.fetchone()
    assert row is not None and row["token_sha256"] == digest(issued.token)
    assert issued.token not in str(keys.list())
    auth = {"Authorization": f"Bearer {issued.token}"}
    assert keys.list()[0].last_used_at is None
    assert app.get("/v1/stats", headers=auth).status_code == 200
    assert keys.list()[0].last_used_at is not None
    keys.revoke(issued.id)
    refused = app.get("/v1/stats", headers=auth)
    assert refused.status_code == 401 and refused.json()["type"].endswith("/unauthorized")
    assert keys.list() == [] and keys.list(include_revoked=True)[0].revoked_at is not None
    forged = issued.token[:-4] + "AAAA"
    assert app.get("/v1/stats", headers={"Authorization": f"Bearer {forged}"}
                   ).status_code == 401


def test_keys_over_http_for_admins(app: TestClient, evidence: EvidenceStore) -> None:  # noqa: F811
    admin = bearer(evidence, "admin")
    made = app.post("/v1/keys", json={"role": "agent", "label": "bot"}, headers=admin)
    assert made.status_code == 201 and made.json()["token"].startswith("rk_")
    agent = {"Authorization": f"Bearer {made.json()['token']}"}
    assert app.get("/v1/stats", headers=agent).status_code == 200
    listed = app.get("/v1/keys", headers=admin).json()
    assert {k["role"] for k in listed} == {"admin", "agent"} and "token" not in listed[0]
    assert app.post(f"/v1/keys/{made.json()['id']}/revoke", headers=admin).status_code == 200
    assert app.get("/v1/stats", headers=agent).status_code == 401


def test_rate_limit_gives_429_with_retry_after(store: GraphStore,
                                               evidence: EvidenceStore) -> None:  # noqa: F811
    app = api_app(store, evidence, agent_rate_per_minute=1, burst=2)
    with TestClient(app) as client:
        agent, viewer = bearer(evidence, "agent"), bearer(evidence, "viewer")
        statuses = [client.get("/v1/stats", headers=agent).status_code for _ in range(3)]
        assert statuses == [200, 200, 429]
        limited = client.get("/v1/stats", headers=agent)
        assert limited.status_code == 429 and int(limited.headers["Retry-After"]) >= 1
        assert limited.json()["type"].endswith("/rate-limited")
        # Buckets are per key, and other roles have their own (higher) rate.
        assert client.get("/v1/stats", headers=viewer).status_code == 200


def test_oversized_body_gives_413(store: GraphStore, evidence: EvidenceStore) -> None:  # noqa: F811
    with TestClient(api_app(store, evidence, max_body_kb=1)) as client:
        seller = bearer(evidence, "seller")
        big = client.post("/v1/intros", json={"to": "x" * 4000}, headers=seller)
        assert big.status_code == 413
        assert big.headers["content-type"] == "application/problem+json"
        assert big.json()["hint"] == "RAPPORT_API_MAX_BODY_KB"

        def chunks() -> Iterator[bytes]:  # no content-length: counted as it streams
            yield b'{"to": "' + b"x" * 800
            yield b"x" * 800 + b'"}'

        streamed = client.post("/v1/intros", content=chunks(),
                               headers={**seller, "content-type": "application/json"})
        assert streamed.status_code == 413


def test_request_ids_and_audit(app: TestClient, evidence: EvidenceStore) -> None:  # noqa: F811
    viewer, agent, admin = (bearer(evidence, r) for r in ("viewer", "agent", "admin"))
    given = app.get("/v1/stats", headers={**viewer, "X-Request-ID": "req-123"})
    assert given.headers["x-request-id"] == "req-123"
    made = app.get("/v1/nothing", headers=viewer)
    assert len(made.headers["x-request-id"]) == 32
    app.get("/v1/stats", headers=agent)  # agents: every call is audited
    app.post("/v1/intros", json={"to": "nobody"}, headers=agent)
    app.post("/v1/contacts/a/merge", json={"other": "b"}, headers=admin)  # a write: audited
    trail = app.get("/v1/audit", headers=admin, params={"limit": 2})
    assert trail.status_code == 200
    page = trail.json()
    assert [i["route"] for i in page["items"]] == ["/v1/contacts/{contact_id}/merge",
                                                   "/v1/intros"]
    assert page["items"][0]["role"] == "admin" and page["items"][0]["status"] == 404
    assert page["items"][1]["operation"] == "find_warm_intros"
    assert len(page["items"][1]["params_sha256"]) == 64
    older = app.get("/v1/audit", headers=admin, params={"cursor": page["next_cursor"]}).json()
    assert [i["route"] for i in older["items"]] == ["/v1/stats"]  # viewer reads: not audited
    assert older["next_cursor"] is None


def test_one_json_log_line_per_request(app: TestClient, evidence: EvidenceStore,  # noqa: F811
                                       caplog: pytest.LogCaptureFixture) -> None:
    import json
    import logging

    from api.middleware import json_log_handler

    viewer = bearer(evidence, "viewer")
    with caplog.at_level(logging.INFO, logger="rapport.api"):
        app.get("/v1/stats", headers={**viewer, "X-Request-ID": "log-1"})
    lines = [json.loads(r.getMessage()) for r in caplog.records if r.name == "rapport.api"]
    assert [(x["request_id"], x["route"], x["status"], x["role"]) for x in lines] == [
        ("log-1", "/v1/stats", 200, "viewer")]
    formatted = json.loads(json_log_handler().format(caplog.records[-1]))
    assert formatted["level"] == "INFO" and formatted["operation"] == "get_stats"


def test_ready_says_what_is_down(tmp_path: Any, evidence: EvidenceStore) -> None:  # noqa: F811
    from graph.store import open_store
    from tests.conftest import store_settings

    own = open_store(store_settings(tmp_path))
    with TestClient(api_app(own, evidence)) as client:
        own.close()  # the graph goes away under a running app
        ready = client.get("/ready")
        assert client.get("/health").status_code == 200
    assert ready.status_code == 503
    assert ready.json()["graph"] == "down" and ready.json()["postgres"] == "ok"
    assert ready.json()["status"] == "not-ready" and ready.json()["detail"]

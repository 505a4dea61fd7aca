"""The MCP server: the SDK's own client over stdio (`rapport mcp`) and over /mcp/."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.auth.keys import KeyStore
from api.auth.roles import Role
from api.mcp_server.tools import TOOLS
from graph.evidence import EvidenceStore
from graph.loader import BulkLoader
from graph.model import Contact, Knows, KnowsOrigin, Member
from graph.store import GraphStore
from tests.conftest import T0
from tests.evidence_fixtures import api_app, evidence, pg_dsn, session_evidence  # noqa: F401
from tests.factories import oracle_graph


@pytest.fixture
def people(store: GraphStore) -> GraphStore:
    """Raj knows Bo from meetings; Bo is Lin's colleague; Lin is Maya's LinkedIn contact."""
    members = [Member(id=i, created_at=T0, updated_at=T0, name=n, email=f"{i}@rapport.dev")
               for i, n in (("mem_raj", "Raj Iyer"), ("mem_maya", "Maya Costa"))]
    contacts = [Contact(id=i, created_at=T0, updated_at=T0, name=n)
                for i, n in (("ct_bo", "Bo Chen"), ("ct_lin", "Lin Wu"))]
    ref = {p.id: p.ref for p in [*members, *contacts]}
    knows = [Knows(src=ref["mem_raj"], dst=ref["ct_bo"], strength=80,
                   origins=[KnowsOrigin.INTERACTION]),
             Knows(src=ref["ct_bo"], dst=ref["ct_lin"], strength=70,
                   origins=[KnowsOrigin.COLLEAGUE]),
             Knows(src=ref["mem_maya"], dst=ref["ct_lin"], strength=60,
                   origins=[KnowsOrigin.LINKEDIN])]
    BulkLoader(store).load({"Member": members, "Contact": contacts}, {"KNOWS": knows})
    return store


@pytest.fixture
def people_and_deals(people: GraphStore) -> GraphStore:
    """The people above plus tests/factories.oracle_graph's accounts, deals and pipeline,
    embedded for search."""
    from embeddings import Indexer, get_encoder, get_search_settings

    BulkLoader(people).load(*oracle_graph())
    Indexer(people, get_encoder(), get_search_settings()).index(full=True)
    return people


def _structured(result: Any) -> dict[str, Any]:
    assert not result.is_error, result.content
    data = result.structured_content
    return dict(data.get("result", data)) if isinstance(data, dict) else {}


async def _session(params: Any) -> dict[str, Any]:
    from mcp import Client

    async with Client(params) as client:
        listed = await client.list_tools()
        intro = await client.call_tool("find_warm_intros",
                                       {"to": "ct_lin", "from_member": "mem_raj"})
        bo = await client.call_tool("get_entity", {"kind": "contact", "id": "ct_bo"})
        lin = await client.call_tool("get_entity", {"kind": "contact", "id": "ct_lin"})
        bad = await client.call_tool("find_warm_intros", {"to": "ct_lin", "max_hops": 99})
        asked = await client.call_tool("ask_graph",
                                       {"question": "Who can introduce Raj Iyer to Lin Wu?"})
        deal = await client.call_tool("deal_score", {"deal_id": "d1"})
        health = await client.call_tool("account_health", {"account_id": "acc_1"})
        pipeline = await client.call_tool("pipeline_summary", {})
        found = await client.call_tool("search", {"text": "Initech", "types": ["account"],
                                                  "k": 1})
    return {"tools": listed.tools, "intro": intro, "bo": bo, "lin": lin, "bad": bad,
            "asked": asked, "deal": deal, "health": health, "pipeline": pipeline, "found": found}


@pytest.mark.skipif(bool(os.environ.get("NEO4J_URI")), reason="spawns on the embedded engine")
def test_sdk_client_over_stdio(people_and_deals: GraphStore,
                               evidence: EvidenceStore) -> None:  # noqa: F811
    from mcp import StdioServerParameters

    people = people_and_deals
    token = KeyStore(evidence).create(Role.AGENT, label="stdio test").token
    env = {**os.environ, "RAPPORT_DATA_DIR": people.location, "RAPPORT_GRAPH_NAME": "test",
           "RAPPORT_PG_DSN": pg_dsn(),
           "RAPPORT_API_KEY": token}
    rapport = str(Path(sys.executable).with_name("rapport"))
    got = asyncio.run(_session(StdioServerParameters(command=rapport, args=["mcp"], env=env)))

    tools = {t.name: t for t in got["tools"]}
    assert set(tools) == {t.name for t in TOOLS} == {
        "find_warm_intros", "get_entity", "search", "ask_graph", "account_health",
        "deal_score", "pipeline_summary"}
    assert all(t.annotations.read_only_hint for t in tools.values())
    assert tools["deal_score"].input_schema["required"] == ["deal_id"]
    assert "deal_id" in tools["deal_score"].input_schema["properties"]
    assert "win_probability" in (tools["deal_score"].output_schema or {}).get("properties", {})
    schema = tools["find_warm_intros"].input_schema
    assert schema["properties"]["max_hops"]["anyOf"][0]["maximum"] == 6
    assert "introduce" in (tools["find_warm_intros"].description or "")
    assert tools["get_entity"].annotations.read_only_hint is True
    intro = _structured(got["intro"])
    assert intro["paths"][0]["introducer"]["id"] == "ct_bo"
    assert _structured(got["bo"])["entity"]["name"] == "Bo Chen"
    # Lin is only in Maya's personal network: reachable through a path, not readable.
    assert got["lin"].is_error and "not-found" in json.dumps(got["lin"].model_dump(mode="json"))
    assert got["bad"].is_error and "max_hops" in json.dumps(got["bad"].model_dump(mode="json"))
    _check_intel_answers(got)
    trail = [(e.route, e.status) for e in _audit(evidence)]
    assert ("mcp/find_warm_intros", 200) in trail and ("mcp/get_entity", 404) in trail
    assert ("mcp/ask_graph", 200) in trail and ("mcp/deal_score", 200) in trail


def _check_intel_answers(got: dict[str, Any]) -> None:
    """ask_graph routes the intro question to the pathfinder, which finds Raj -> Bo -> Lin;
    the score tools answer what /v1/deals/d1/score and /v1/pipeline answer; search finds
    Initech by name."""
    asked = _structured(got["asked"])
    assert asked["route"] == "intros" and not asked["refused"]
    assert asked["rows"][0]["ids"] == ["mem_raj", "ct_bo", "ct_lin"]
    deal = _structured(got["deal"])
    assert deal["deal_id"] == "d1" and deal["stage"] == "06-PROPOSAL"
    assert 0 <= deal["win_probability"] <= 1
    health = _structured(got["health"])
    assert health["account_id"] == "acc_1"
    assert sum(d["contribution"] for d in health["drivers"]) == pytest.approx(health["score"])
    pipeline = _structured(got["pipeline"])
    assert pipeline["open_deals"] == sum(s["deals"] for s in pipeline["stages"]) > 0
    assert [h["id"] for h in _structured(got["found"])["hits"]] == ["acc_2"]


def _audit(evidence: EvidenceStore) -> list[Any]:  # noqa: F811
    from api.audit import AuditLog

    return AuditLog(evidence).page(limit=50).items


def test_http_mcp_needs_a_key_and_answers(people: GraphStore,
                                          evidence: EvidenceStore) -> None:  # noqa: F811
    viewer = KeyStore(evidence).create(Role.VIEWER).token
    call = {"jsonrpc": "2.0", "id": 1, "method": "tools/call",
            "params": {"name": "find_warm_intros", "arguments": {"to": "ct_lin"}}}
    headers = {"accept": "application/json, text/event-stream",
               "mcp-protocol-version": "2025-06-18"}
    with TestClient(api_app(people, evidence)) as client:
        anonymous = client.post("/mcp/", json=call, headers=headers).json()
        assert anonymous["result"]["isError"] is True
        assert "unauthorized" in json.dumps(anonymous)
        denied = client.post("/mcp/", json=call, headers={
            **headers, "authorization": f"Bearer {viewer}"}).json()
        assert denied["result"]["isError"] is True and "forbidden" in json.dumps(denied)
        entity = {**call, "params": {"name": "get_entity",
                                     "arguments": {"kind": "contact", "id": "ct_bo"}}}
        read = client.post("/mcp/", json=entity, headers={
            **headers, "authorization": f"Bearer {viewer}"}).json()
        assert read["result"]["structuredContent"]["entity"]["id"] == "ct_bo"
        # Viewers read and search but may not ask: refused before the question runs.
        ask = {**call, "params": {"name": "ask_graph",
                                  "arguments": {"question": "How many contacts?"}}}
        refused = client.post("/mcp/", json=ask, headers={
            **headers, "authorization": f"Bearer {viewer}"}).json()
        assert refused["result"]["isError"] is True
        assert "forbidden" in json.dumps(refused) and "may not ask" in json.dumps(refused)


"""The typed tool registry the MCP server is built from: each tool names its input and
output models (their JSON schemas are what the agent sees), the permission it needs and
the function that answers it. Tools are read-only.

Each tool calls the service its HTTP route calls, built the same way (api/routes/*), so
an agent and a client get the same answers: find_warm_intros, get_entity (tools.py);
search, ask_graph, account_health, deal_score, pipeline_summary (intel_tools.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from api.auth.roles import Permission, Principal
from graph.evidence import EvidenceStore
from graph.store import GraphStore


@dataclass(frozen=True)
class ToolContext:
    """What a tool runs with: the stores, who is calling (privacy rules need it) and where
    services built once live (`state`: the app's state over HTTP, the runtime's own over
    stdio; the ask service loads its encoder and indexes once there)."""

    store: GraphStore
    evidence: EvidenceStore
    principal: Principal
    state: Any


@dataclass(frozen=True)
class Tool:
    name: str
    description: str          # written for an agent: when to use it, what comes back
    input: type[BaseModel]
    output: type[BaseModel]
    permission: Permission
    run: Callable[[ToolContext, BaseModel], BaseModel]

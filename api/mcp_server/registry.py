"""The typed tool registry the MCP server is built from: each tool names its input and
output models (their JSON schemas are what the agent sees), the permission it needs and
the function that answers it. Tools are read-only.

Tools of capabilities that are not in this build are not listed (no stubs). At merge:
- search          -> issue 5 (GET /v1/search): input = its SearchRequest, Permission.SEARCH
- ask_graph       -> issue 6 (POST /v1/ask): input = its AskRequest, Permission.ASK
- account_health  -> issue 7 (/v1/accounts/{id}/health), Permission.READ
- deal_score      -> issue 7 (/v1/deals/{id}/score), Permission.READ
- pipeline_summary-> issue 7 (/v1/pipeline), Permission.READ
each is one `Tool(...)` entry in api/mcp_server/tools.py's TOOLS.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pydantic import BaseModel

from api.auth.roles import Permission, Principal
from graph.evidence import EvidenceStore
from graph.store import GraphStore


@dataclass(frozen=True)
class ToolContext:
    """What a tool runs with: the stores and who is calling (privacy rules need it)."""

    store: GraphStore
    evidence: EvidenceStore
    principal: Principal


@dataclass(frozen=True)
class Tool:
    name: str
    description: str          # written for an agent: when to use it, what comes back
    input: type[BaseModel]
    output: type[BaseModel]
    permission: Permission
    run: Callable[[ToolContext, BaseModel], BaseModel]

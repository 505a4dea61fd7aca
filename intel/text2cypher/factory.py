"""Build text-to-Cypher when an LLM is configured (else None: the planner answers)."""

from __future__ import annotations

from graph.store import GraphStore
from intel.ask.settings import AskSettings
from intel.cypher_guard import CypherGuard, live_schema
from intel.llm.gateway import build_gateway
from intel.llm.settings import LLMSettings
from intel.text2cypher.service import TextToCypher


def build_text2cypher(store: GraphStore, ask: AskSettings,
                      llm: LLMSettings) -> TextToCypher | None:
    gateway = build_gateway(llm)
    if gateway is None:
        return None
    return TextToCypher(gateway, CypherGuard(store, live_schema(store), max_rows=ask.max_rows))

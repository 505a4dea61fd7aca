"""Build the ask service from settings: planner, GraphRAG, and the LLM path when configured."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from graph.store import GraphStore
from intel.ask.planner import Planner
from intel.ask.service import AskService
from intel.ask.settings import AskSettings
from intel.graphrag import GraphRAG
from intel.intros import get_intro_settings

if TYPE_CHECKING:
    from embeddings.evidence_index import EvidenceIndex


def build_ask_service(store: GraphStore, settings: AskSettings, *,
                      evidence: Callable[[], EvidenceIndex | None] | None = None) -> AskService:
    """One service per process (the encoder and the indexes load once). `evidence` opens
    the evidence index when GraphRAG first needs it (None: graph facts only)."""
    from embeddings import HybridSearch, get_search_settings
    from embeddings.quick_encoder import get_query_encoder
    from intel.llm.settings import get_llm_settings
    from intel.text2cypher.factory import build_text2cypher

    encoder = get_query_encoder()
    planner = Planner(store, encoder, settings)
    text2cypher = build_text2cypher(store, settings, get_llm_settings())
    return AskService(store, planner, GraphRAG(store, encoder, evidence=evidence),
                      get_intro_settings(), text2cypher=text2cypher,
                      search=HybridSearch(store, encoder, get_search_settings()))

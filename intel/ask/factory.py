"""Build the ask service from settings: planner, GraphRAG, and the LLM path when configured."""

from __future__ import annotations

from graph.store import GraphStore
from intel.ask.planner import Planner
from intel.ask.quick_encoder import QuickEncoder
from intel.ask.service import AskService
from intel.ask.settings import AskSettings
from intel.graphrag import GraphRAG
from intel.intros import get_intro_settings


def build_ask_service(store: GraphStore, settings: AskSettings) -> AskService:
    """One service per process (the encoder and the indexes load once)."""
    from embeddings.encoder import get_encoder
    from intel.llm.settings import get_llm_settings
    from intel.text2cypher.factory import build_text2cypher

    encoder = QuickEncoder(get_encoder())
    planner = Planner(store, encoder, settings)
    text2cypher = build_text2cypher(store, settings, get_llm_settings())
    return AskService(store, planner, GraphRAG(store, encoder), get_intro_settings(),
                      text2cypher=text2cypher)

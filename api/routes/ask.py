"""Questions in plain language: `POST /v1/ask`."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, Depends, Request

from api.deps import StoreDep, on_event_loop
from graph.store import GraphStore
from intel.ask import AskAnswer, AskRequest, AskSettings, get_ask_settings
from intel.ask.service import AskService

if TYPE_CHECKING:
    from embeddings import EvidenceIndex

router = APIRouter(prefix="/v1", tags=["ask"])
AskSettingsDep = Annotated[AskSettings, Depends(on_event_loop(get_ask_settings))]
_BUILD_LOCK = threading.Lock()
_RESPONSES: dict[int | str, dict[str, Any]] = {
    422: {"description": "Invalid question"},
    503: {"description": "Graph or encoder unavailable"}}


def ask_service(request: Request, store: StoreDep, settings: AskSettingsDep) -> AskService:
    """One service per app: the encoder and entity indexes load on the first question."""
    return shared_ask_service(request.app.state, store, settings)


def shared_ask_service(state: Any, store: GraphStore, settings: AskSettings) -> AskService:
    """The service kept on `state` (the app's, or the stdio MCP server's), built on first
    use and rebuilt when the store changes; `state.evidence` feeds GraphRAG when open."""
    with _BUILD_LOCK:
        service: AskService | None = getattr(state, "ask_service", None)
        if service is None or service.store is not store:
            from intel.ask.factory import build_ask_service

            service = build_ask_service(store, settings,
                                        evidence=lambda: _evidence_index(state))
            state.ask_service = service
    return service


def _evidence_index(state: Any) -> EvidenceIndex | None:
    """The app's evidence store as an index, when the app has one open."""
    evidence = getattr(state, "evidence", None)
    if evidence is None:
        return None
    from embeddings import EvidenceIndex, get_search_settings
    from embeddings.quick_encoder import get_query_encoder

    return EvidenceIndex(evidence, get_query_encoder(), get_search_settings())


@router.post("/ask", operation_id="ask_the_graph", summary="Ask the graph in plain language",
             responses=_RESPONSES)
def ask(body: AskRequest, service: Annotated[AskService, Depends(ask_service)]) -> AskAnswer:
    """Routes the question to intros, GraphRAG, templates or text-to-Cypher and says which
    route answered and why; shows the Cypher, its parameters and the rows."""
    return service.ask(body)

"""Liveness (`/health`: answers while the process runs, touching nothing) and readiness
(`/ready`: the graph answers, PostgreSQL answers, the encoder is loaded when one is used)."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel

from graph.errors import RapportError

router = APIRouter(tags=["health"])
CheckState = Literal["ok", "down", "not-loaded", "not-used"]


class Health(BaseModel):
    status: Literal["ok"] = "ok"


class Readiness(BaseModel):
    status: Literal["ready", "not-ready"]
    graph: CheckState
    postgres: CheckState
    encoder: CheckState
    detail: list[str]


@router.get("/health", operation_id="health", summary="Liveness probe")
async def health() -> Health:
    # async: a liveness probe must not queue behind busy worker threads.
    return Health()


def _graph(request: Request) -> str | None:
    store = getattr(request.app.state, "store", None)
    if store is None:
        return "graph store is not open"
    try:
        store.ping()
    except RapportError as e:
        return f"graph: {e}"
    return None


def _postgres(request: Request) -> str | None:
    evidence = getattr(request.app.state, "evidence", None)
    if evidence is None:
        return "evidence store is not open"
    try:
        with evidence.transaction() as cur:
            cur.execute("SELECT 1")
    except RapportError as e:
        return f"postgres: {e}"
    return None


def _encoder(request: Request) -> CheckState:
    # The encoder is optional (the `embeddings` extra); search puts it on app.state when
    # it loads one. Absent means not used by this deployment, not broken.
    if not hasattr(request.app.state, "encoder"):
        return "not-used"
    return "ok" if request.app.state.encoder is not None else "not-loaded"


@router.get("/ready", operation_id="ready", summary="Readiness probe",
            responses={503: {"model": Readiness, "description": "A dependency is down"}})
def ready(request: Request, response: Response) -> Readiness:
    graph, postgres, encoder = _graph(request), _postgres(request), _encoder(request)
    detail = [d for d in (graph, postgres) if d]
    if encoder == "not-loaded":
        detail.append("encoder is not loaded yet")
    body = Readiness(status="not-ready" if detail else "ready",
                     graph="down" if graph else "ok", postgres="down" if postgres else "ok",
                     encoder=encoder, detail=detail)
    if detail:
        response.status_code = 503
    return body

"""FastAPI dependencies: settings, and the graph and evidence stores opened by the app's
lifespan.

FastAPI runs a plain `def` dependency on a worker thread. That hand-off queues behind the
routes already running (RAPPORT_API_THREADS of them per worker) and costs more than handing
back an object the app already holds, so the dependencies that never block are `async`."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated, TypeVar

from fastapi import Depends, Request

from graph.errors import GraphConnectionError
from graph.evidence import EvidenceStore, EvidenceUnavailable
from graph.settings import Settings, get_settings
from graph.store.base import GraphStore

T = TypeVar("T")


def on_event_loop(getter: Callable[[], T]) -> Callable[[], Awaitable[T]]:
    """`getter` (a cached settings getter: it never blocks) as an async dependency."""

    async def dependency() -> T:
        return getter()

    dependency.__name__ = dependency.__qualname__ = getattr(getter, "__name__", "getter")
    return dependency


async def store_dependency(request: Request) -> GraphStore:
    store: GraphStore | None = getattr(request.app.state, "store", None)
    if store is None:
        raise GraphConnectionError("the graph store is not open")
    return store


StoreDep = Annotated[GraphStore, Depends(store_dependency)]
SettingsDep = Annotated[Settings, Depends(on_event_loop(get_settings))]


def open_evidence_of(state: object) -> EvidenceStore:
    """The evidence store the app's lifespan opened (on `state`), or EvidenceUnavailable."""
    evidence: EvidenceStore | None = getattr(state, "evidence", None)
    if evidence is None:
        raise EvidenceUnavailable("the evidence store is not open")
    return evidence


async def evidence_dependency(request: Request) -> EvidenceStore:
    return open_evidence_of(request.app.state)


EvidenceDep = Annotated[EvidenceStore, Depends(evidence_dependency)]

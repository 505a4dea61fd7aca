"""FastAPI dependencies: settings, and the graph and evidence stores opened by the app's
lifespan."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from graph.errors import GraphConnectionError
from graph.evidence import EvidenceStore, EvidenceUnavailable
from graph.settings import Settings, get_settings
from graph.store.base import GraphStore


def store_dependency(request: Request) -> GraphStore:
    store: GraphStore | None = getattr(request.app.state, "store", None)
    if store is None:
        raise GraphConnectionError("the graph store is not open")
    return store


StoreDep = Annotated[GraphStore, Depends(store_dependency)]
SettingsDep = Annotated[Settings, Depends(get_settings)]


def open_evidence_of(state: object) -> EvidenceStore:
    """The evidence store the app's lifespan opened (on `state`), or EvidenceUnavailable."""
    evidence: EvidenceStore | None = getattr(state, "evidence", None)
    if evidence is None:
        raise EvidenceUnavailable("the evidence store is not open")
    return evidence


def evidence_dependency(request: Request) -> EvidenceStore:
    return open_evidence_of(request.app.state)


EvidenceDep = Annotated[EvidenceStore, Depends(evidence_dependency)]

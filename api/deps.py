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


def evidence_dependency(request: Request) -> EvidenceStore:
    evidence: EvidenceStore | None = getattr(request.app.state, "evidence", None)
    if evidence is None:
        raise EvidenceUnavailable("the evidence store is not open")
    return evidence


EvidenceDep = Annotated[EvidenceStore, Depends(evidence_dependency)]

"""Counts per label and relationship type."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import StoreDep
from graph.stats import GraphStats, graph_stats

router = APIRouter(prefix="/v1", tags=["stats"])


@router.get("/stats", operation_id="get_stats", summary="Node and relationship counts",
            responses={503: {"description": "Graph store unavailable"}})
def get_stats(store: StoreDep) -> GraphStats:
    return graph_stats(store)

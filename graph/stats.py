"""Counts per label and relationship type: what `rapport stats` and `/v1/stats` show."""

from __future__ import annotations

from pydantic import BaseModel

from graph.store.base import GraphStore


class GraphStats(BaseModel):
    engine: str
    location: str
    nodes: dict[str, int]
    relationships: dict[str, int]

    @property
    def node_total(self) -> int:
        return sum(self.nodes.values())

    @property
    def relationship_total(self) -> int:
        return sum(self.relationships.values())


def graph_stats(store: GraphStore) -> GraphStats:
    nodes = {r["label"]: int(r["count"]) for r in store.read("stats/label_counts")}
    rels = {r["type"]: int(r["count"]) for r in store.read("stats/relationship_counts")}
    return GraphStats(engine=store.dialect, location=store.location, nodes=nodes,
                      relationships=rels)


def is_empty(store: GraphStore) -> bool:
    return not store.read("stats/is_empty")

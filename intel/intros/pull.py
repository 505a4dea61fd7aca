"""Pull the bounded neighbourhood a path search needs from the engine, never the graph.

Both ends grow one hop at a time (each hop one query over the whole frontier), always the
side with the smaller frontier, until the two depths add up to the hop limit. For the whole
team the target side grows alone and one last query finds the members who know anyone in
it, so no member's full network is pulled.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from graph.errors import QueryError
from graph.store import GraphStore, Row
from intel.intros.graphview import GraphView, NodeFacts


class SearchTooBroad(QueryError):
    status = 422
    type = "search-too-broad"
    title = "Search too broad"


@dataclass
class _Side:
    frontier: set[str]
    seen: set[str]
    depth: int = 0


@dataclass
class Pulled:
    view: GraphView
    forward_depth: int
    rows: int = 0
    queries: int = 0
    target_side: set[str] = field(default_factory=set)


class NeighbourhoodPuller:
    def __init__(self, store: GraphStore, *, unscored_strength: float, max_rows: int) -> None:
        self.store = store
        self.unscored = unscored_strength
        self.max_rows = max_rows

    def pull(self, sources: Mapping[str, NodeFacts], targets: Mapping[str, NodeFacts],
             max_hops: int, *, team: bool) -> Pulled:
        """`sources`/`targets` map ids to their facts (known before the search starts)."""
        view = GraphView()
        pulled = Pulled(view=view, forward_depth=0)
        for node, facts in (*sources.items(), *targets.items()):
            view.add_node(node, facts)
        fwd = _Side(frontier=set(sources), seen=set(sources))
        bwd = _Side(frontier=set(targets), seen=set(targets))
        if team:
            self._grow_team(pulled, bwd, max_hops)
        else:
            while fwd.depth + bwd.depth < max_hops:
                side = fwd if len(fwd.frontier) < len(bwd.frontier) else bwd
                self._expand(pulled, side)
            pulled.forward_depth = fwd.depth
        pulled.target_side = bwd.seen
        return pulled

    def _grow_team(self, pulled: Pulled, bwd: _Side, max_hops: int) -> None:
        while bwd.depth < max_hops - 1:
            self._expand(pulled, bwd)
        rows = self.fetch_edges("intros/members_into", sorted(n for n in bwd.seen
                                                        if pulled.view.facts[n].label == "Contact"))
        for row in rows:
            pulled.view.add_node(row["a"], NodeFacts("Member", introducer_opt_out=bool(
                row["member_opt_out"])))
        self._add(pulled, rows)
        pulled.forward_depth = 1

    def _expand(self, pulled: Pulled, side: _Side) -> None:
        frontier = sorted(side.frontier)
        members = [n for n in frontier if pulled.view.facts[n].label == "Member"]
        contacts = [n for n in frontier if pulled.view.facts[n].label != "Member"]
        rows = self.fetch_edges("intros/member_edges", members) + self.fetch_edges(
            "intros/contact_edges", contacts)
        self._add(pulled, rows)
        side.frontier = {r["b"] for r in rows} - side.seen
        side.seen |= side.frontier
        side.depth += 1

    def fetch_edges(self, query: str, ids: list[str]) -> list[Row]:
        if not ids:
            return []
        return self.store.read(query, {"ids": ids, "unscored": self.unscored})

    def _add(self, pulled: Pulled, rows: list[Row]) -> None:
        pulled.rows += len(rows)
        pulled.queries += 1
        if pulled.rows > self.max_rows:
            raise SearchTooBroad(
                f"the search reached more than {self.max_rows:,} relationships",
                hint="start from one member (--from) or lower --max-hops")
        for row in rows:
            pulled.view.add_node(row["b"], NodeFacts(
                row["label"], do_not_contact=bool(row["dnc"]),
                introducer_opt_out=bool(row["opt_out"])))
            pulled.view.add_edge(row["a"], row["b"], min(max(row["strength"] / 100, 0.0), 1.0))

"""Pull the bounded neighbourhood a path search needs from the engine, never the graph.

Both ends grow one hop at a time (each hop one query over the whole frontier), always the
side with the smaller frontier, until the two depths add up to the hop limit. For the whole
team the target side grows alone and one last query finds the members who know anyone in
it, so no member's full network is pulled.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from operator import itemgetter

from graph.errors import QueryError
from graph.store import GraphStore, Row
from graph.store.rowcache import CachedReads
from intel.intros.graphview import GraphView, NodeFacts

DNC, MEMBER, OPTED_OUT = 1, 2, 4  # the `flags` bits the edge queries return
_MEMBER_COST = 10  # a member's knows-edges per contact's, roughly: expansion cost weight


class SearchTooBroad(QueryError):
    status = 422
    type = "search-too-broad"
    title = "Search too broad"


@dataclass
class Side:
    """One end of the search: hop distance of every node reached, by BFS level."""

    depth: dict[str, int]
    level: int = 0

    @property
    def frontier(self) -> list[str]:
        return sorted(n for n, d in self.depth.items() if d == self.level)


@dataclass
class Pulled:
    view: GraphView
    forward_depth: int
    fwd: Side
    bwd: Side
    rows: int = 0
    queries: int = 0
    frontiers_touch: bool = False  # an edge joins the two frontiers: a path of max_hops

    def label(self, node: str) -> str:
        facts = self.view.facts.get(node)
        return facts.label if facts else "Contact"


def cheaper(one: Side, other: Side, label: Callable[[str], str]) -> Side:
    """The side whose frontier costs fewer rows to expand (members know many more)."""
    def cost(side: Side) -> int:
        return sum(_MEMBER_COST if label(n) == "Member" else 1 for n in side.frontier)
    return one if cost(one) < cost(other) else other


def facts_of(flags: int) -> NodeFacts:
    return NodeFacts("Member" if flags & MEMBER else "Contact",
                     do_not_contact=bool(flags & DNC), introducer_opt_out=bool(flags & OPTED_OUT))


class NeighbourhoodPuller:
    """One request's pulls. Through `reads`, a node's edges already read since the graph
    last changed are not fetched again (hub contacts are in most requests' neighbourhoods)."""

    def __init__(self, store: GraphStore, reads: CachedReads, *, unscored_strength: float,
                 max_rows: int) -> None:
        self.store = store
        self.reads = reads
        self.unscored = unscored_strength
        self.max_rows = max_rows

    def pull(self, sources: Mapping[str, NodeFacts], targets: Mapping[str, NodeFacts],
             max_hops: int, *, team: bool) -> Pulled:
        """`sources`/`targets` map ids to their facts (known before the search starts)."""
        view = GraphView()
        for node, facts in (*sources.items(), *targets.items()):
            view.add_node(node, facts)
        pulled = Pulled(view=view, forward_depth=0, fwd=Side(dict.fromkeys(sources, 0)),
                        bwd=Side(dict.fromkeys(targets, 0)))
        if team:
            self._grow_team(pulled, max_hops)
            return pulled
        while pulled.fwd.level + pulled.bwd.level < max_hops - 1:
            self._expand(pulled, cheaper(pulled.fwd, pulled.bwd, pulled.label))
        self._join_frontiers(pulled)
        pulled.forward_depth = pulled.fwd.level + 1
        return pulled

    def _join_frontiers(self, pulled: Pulled) -> None:
        """The last hop: only the edges between the two frontiers. Every other edge a path
        of max_hops can use touches an inner node, whose edges are already here."""
        side = cheaper(pulled.fwd, pulled.bwd, pulled.label)
        into = (pulled.bwd if side is pulled.fwd else pulled.fwd).frontier
        members, contacts = self._split(pulled, side.frontier)
        rows = self._fetch_into("intros/member_edges", members, into) + self._fetch_into(
            "intros/contact_edges", contacts, into)
        self._add(pulled, rows)
        pulled.frontiers_touch = bool(rows)

    def _fetch_into(self, query: str, ids: list[str], into: list[str]) -> list[Row]:
        """`query`'s edges from `ids` to nodes in `into`. With a cache, from the full
        edge lists (kept for the next request); without, the engine filters (`_into`
        variant), since returning few rows is what is fast there."""
        if not ids or not into:
            return []
        if self.reads.caching:
            wanted = set(into)
            return [row for row in self.fetch_edges(query, ids) if row["b"] in wanted]
        return self.store.read(f"{query}_into", {"ids": ids, "into": into,
                                                 "unscored": self.unscored})

    @staticmethod
    def _split(pulled: Pulled, nodes: list[str]) -> tuple[list[str], list[str]]:
        members = [n for n in nodes if pulled.view.facts[n].label == "Member"]
        return members, [n for n in nodes if pulled.view.facts[n].label != "Member"]

    def _grow_team(self, pulled: Pulled, max_hops: int) -> None:
        while pulled.bwd.level < max_hops - 1:
            self._expand(pulled, pulled.bwd)
        # Members next to inner nodes came with those nodes' edges; only the frontier is new.
        frontier = [n for n in pulled.bwd.frontier if pulled.view.facts[n].label == "Contact"]
        rows = self.fetch_edges("intros/members_into", frontier, key="b")
        for row in rows:
            pulled.view.add_node(row["a"], NodeFacts(
                "Member", introducer_opt_out=bool(row["member_opt_out"])))
        self._add(pulled, rows)
        pulled.forward_depth = 1

    def _expand(self, pulled: Pulled, side: Side) -> None:
        members, contacts = self._split(pulled, side.frontier)
        rows = self.fetch_edges("intros/member_edges", members) + self.fetch_edges(
            "intros/contact_edges", contacts)
        self._add(pulled, rows)
        side.level += 1
        for row in rows:
            side.depth.setdefault(row["b"], side.level)

    def fetch_edges(self, query: str, ids: list[str], *, key: str = "a") -> list[Row]:
        """The edges of `query` at each of `ids`; `key` is the column holding the id."""
        if not ids:
            return []

        def fetch(missing: list[str]) -> list[Row]:
            return self.store.read(query, {"ids": missing, "unscored": self.unscored})

        return self.reads.keyed(f"{query} unscored={self.unscored}", ids, fetch, itemgetter(key))

    def _add(self, pulled: Pulled, rows: list[Row]) -> None:
        pulled.rows += len(rows)
        pulled.queries += 1
        if pulled.rows > self.max_rows:
            raise SearchTooBroad(
                f"the search reached more than {self.max_rows:,} relationships",
                hint="start from one member (--from) or lower --max-hops")
        for row in rows:
            pulled.view.add_node(row["b"], facts_of(int(row["flags"])))
            pulled.view.add_edge(row["a"], row["b"], min(max(row["strength"] / 100, 0.0), 1.0))

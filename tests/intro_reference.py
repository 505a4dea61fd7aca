"""Reference answers for the path search: brute force and networkx, sharing nothing with
intel.intros.search but the definition of the score."""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator

import networkx as nx

from intel.intros.graphview import GraphView, NodeFacts
from intel.intros.search import ScoredPath, SearchSpec


def score(spec: SearchSpec, view: GraphView, nodes: tuple[str, ...]) -> float:
    product = 1.0
    for a, b in itertools.pairwise(nodes):
        product *= view.weight(a, b)
    hops = len(nodes) - 1
    value = product * spec.hop_penalty ** (hops - 1) * spec.targets[nodes[-1]]
    if hops >= 2 and spec.last_hop is not None:
        value *= spec.last_hop(nodes[-2], nodes[-1])
    return value


def allowed(spec: SearchSpec, view: GraphView, nodes: tuple[str, ...]) -> bool:
    return all(n not in spec.sources and n not in spec.avoid and not view.blocked(n)
               for n in nodes[1:-1])


def brute_force(view: GraphView, spec: SearchSpec) -> list[ScoredPath]:
    """Every allowed simple path by plain depth-first enumeration."""
    found: list[ScoredPath] = []

    def walk(nodes: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
        if len(nodes) > 1 and nodes[-1] in spec.targets:
            yield nodes
        if len(nodes) - 1 < spec.max_hops:
            for nxt in sorted(view.neighbours(nodes[-1])):
                if nxt not in nodes:
                    yield from walk((*nodes, nxt))

    for source in sorted(spec.sources):
        for nodes in walk((source,)):
            if allowed(spec, view, nodes):
                found.append(ScoredPath(nodes, score(spec, view, nodes)))
    return found


def networkx_paths(view: GraphView, spec: SearchSpec) -> list[ScoredPath]:
    graph = nx.Graph()
    for a, neighbours in view.adjacency.items():
        for b, w in neighbours.items():
            graph.add_edge(a, b, weight=w)
    found = []
    for s in spec.sources:
        for t in spec.targets:
            if s in graph and t in graph and s != t:
                for nodes in nx.all_simple_paths(graph, s, t, cutoff=spec.max_hops):
                    path = tuple(nodes)
                    if allowed(spec, view, path):
                        found.append(ScoredPath(path, score(spec, view, path)))
    return found


def rank(paths: list[ScoredPath], spec: SearchSpec) -> list[ScoredPath]:
    """What the search must return, computed the slow, obvious way."""
    ordered = sorted(paths, key=ScoredPath.rank_key)
    if spec.diversity == "none":
        return ordered[: spec.k]
    seen: set[tuple[str, ...]] = set()
    best = []
    for path in ordered:
        if path.group not in seen:
            seen.add(path.group)
            best.append(path)
    return best[: spec.k]


def random_view(rng: random.Random, people: int, members: int, degree: float,
                blocked: float = 0.05) -> GraphView:
    view = GraphView()
    for i in range(members):
        view.add_node(f"m{i}", NodeFacts("Member"))
    for i in range(people):
        view.add_node(f"c{i}", NodeFacts("Contact", do_not_contact=rng.random() < blocked))
    nodes = sorted(view.facts)
    for _ in range(int(len(nodes) * degree / 2)):
        a, b = rng.sample(nodes, 2)
        view.add_edge(a, b, round(rng.uniform(0.05, 1.0), 4))
    return view

"""Exact k-best warm paths under the product-of-strengths score, by meeting in the middle.

A path s = v0 .. vh = t (h <= max_hops) scores
    prod(weight(v_i, v_i+1)) * hop_penalty ** (h - 1) * target_factor[t] * last_hop(v_h-1, t)
and a direct connection (h = 1) ranks above every longer path. Intermediates are never
sources, `avoid`ed or blocked people (do-not-contact, opted out) or repeated nodes.

Every path is split at position i = min(h, a) (a = `forward_depth`): the forward half is
enumerated from the sources, the backward half (at most b = max_hops - a hops) from the
targets, and halves are joined on their shared node. The split is unique per path, so each
path is produced exactly once, and the search only reads edges within a hops of a source or
b hops of a target: exactly what intel.intros.pull fetches from the engine.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Literal

from intel.intros.graphview import GraphView

Diversity = Literal["introducer", "none"]
LastHopFactor = Callable[[str, str], float]
_Half = tuple[tuple[str, ...], float]


@dataclass(frozen=True)
class ScoredPath:
    nodes: tuple[str, ...]
    score: float

    @property
    def hops(self) -> int:
        return len(self.nodes) - 1

    @property
    def group(self) -> tuple[str, ...]:
        """Alternatives are different when they go through different introducers (the
        person the member asks); each direct connection is its own alternative."""
        return ("direct", self.nodes[0]) if self.hops == 1 else ("via", self.nodes[1])

    def rank_key(self) -> tuple[bool, float, int, tuple[str, ...]]:
        return (self.hops != 1, -self.score, self.hops, self.nodes)


@dataclass(frozen=True)
class SearchSpec:
    sources: frozenset[str]
    targets: Mapping[str, float]
    max_hops: int
    k: int = 3
    diversity: Diversity = "introducer"
    hop_penalty: float = 1.0
    last_hop: LastHopFactor | None = None
    avoid: frozenset[str] = frozenset()  # never intermediates either (the member's teammates)


def _passable(view: GraphView, spec: SearchSpec, node: str) -> bool:
    return node not in spec.sources and node not in spec.avoid and not view.blocked(node)


def _halves(view: GraphView, spec: SearchSpec, starts: Iterator[str] | frozenset[str],
            depth: int) -> Iterator[_Half]:
    """Simple walks of 1..depth hops from each start, with their weight product."""
    stack: list[_Half] = [((s,), 1.0) for s in starts]
    while stack:
        nodes, product = stack.pop()
        last = nodes[-1]
        if len(nodes) > 1:
            yield nodes, product
            if not _passable(view, spec, last):
                continue
        if len(nodes) - 1 >= depth:
            continue
        for nxt, weight in view.neighbours(last).items():
            if nxt not in nodes:
                stack.append(((*nodes, nxt), product * weight))


def _score(spec: SearchSpec, nodes: tuple[str, ...], product: float) -> float:
    hops = len(nodes) - 1
    score = product * spec.hop_penalty ** (hops - 1) * spec.targets[nodes[-1]]
    if hops >= 2 and spec.last_hop is not None:
        score *= spec.last_hop(nodes[-2], nodes[-1])
    return score


def candidate_paths(view: GraphView, spec: SearchSpec, forward_depth: int) -> Iterator[ScoredPath]:
    """Every allowed simple path of at most max_hops, each exactly once."""
    a = max(0, min(forward_depth, spec.max_hops))
    b = spec.max_hops - a
    meet: dict[str, list[_Half]] = defaultdict(list)
    for nodes, product in _halves(view, spec, spec.sources, a):
        end = nodes[-1]
        if end in spec.targets:
            yield ScoredPath(nodes, _score(spec, nodes, product))
        if len(nodes) - 1 == a and _passable(view, spec, end):
            meet[end].append((nodes, product))
    if a == 0:
        meet = {s: [((s,), 1.0)] for s in spec.sources}
    if b == 0:
        return
    for back, back_product in _halves(view, spec, frozenset(spec.targets), b):
        for front, front_product in meet.get(back[-1], ()):
            if len(set(front).intersection(back)) == 1:
                nodes = front + tuple(reversed(back[:-1]))
                yield ScoredPath(nodes, _score(spec, nodes, front_product * back_product))


def best_paths(view: GraphView, spec: SearchSpec, forward_depth: int) -> list[ScoredPath]:
    """The k best paths; with diversity 'introducer' the best path of each introducer."""
    candidates = candidate_paths(view, spec, forward_depth)
    if spec.diversity == "none":
        return heapq.nsmallest(spec.k, candidates, key=ScoredPath.rank_key)
    best: dict[tuple[str, ...], ScoredPath] = {}
    for path in candidates:
        held = best.get(path.group)
        if held is None or path.rank_key() < held.rank_key():
            best[path.group] = path
    return heapq.nsmallest(spec.k, best.values(), key=ScoredPath.rank_key)

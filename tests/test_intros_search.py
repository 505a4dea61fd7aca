"""Exactness of the path search against brute force and networkx on random graphs."""

from __future__ import annotations

import random

import pytest

from intel.intros.graphview import GraphView, NodeFacts
from intel.intros.search import SearchSpec, best_paths
from tests.intro_reference import brute_force, networkx_paths, random_view, rank

CASES = 120


def _same(found: list, expected: list) -> None:
    assert [p.nodes for p in found] == [p.nodes for p in expected]
    assert [p.score for p in found] == pytest.approx([p.score for p in expected])


def _spec(rng: random.Random, view: GraphView, team: bool, diversity: str,
          max_hops: int) -> SearchSpec:
    members = sorted(n for n, f in view.facts.items() if f.label == "Member")
    contacts = sorted(n for n, f in view.facts.items() if f.label == "Contact")
    sources = frozenset(members) if team else frozenset([rng.choice(members)])
    chosen = rng.sample(contacts, rng.choice([1, 1, 3]))
    targets = {t: rng.choice([1.0, 0.85]) for t in chosen}
    former = {(rng.choice(contacts), chosen[0]) for _ in range(5)}
    avoid = frozenset(rng.sample(contacts, 2)) if rng.random() < 0.3 else frozenset()
    return SearchSpec(sources=sources, targets=targets, max_hops=max_hops, k=rng.randint(1, 5),
                      diversity=diversity,  # type: ignore[arg-type]
                      hop_penalty=rng.choice([1.0, 0.9]),
                      last_hop=lambda u, t: 0.8 if (u, t) in former else 1.0, avoid=avoid)


@pytest.mark.parametrize("diversity", ["introducer", "none"])
@pytest.mark.parametrize("max_hops", [1, 2, 3, 4, 5])
def test_matches_brute_force_for_every_split(diversity: str, max_hops: int) -> None:
    rng = random.Random(f"{diversity}{max_hops}")
    for case in range(CASES // 5):
        view = random_view(rng, people=30, members=4, degree=rng.choice([2.0, 3.5, 5.0]))
        spec = _spec(rng, view, team=case % 3 == 0, diversity=diversity, max_hops=max_hops)
        expected = rank(brute_force(view, spec), spec)
        for split in range(max_hops + 1):
            _same(best_paths(view, spec, split), expected)


def test_matches_networkx_on_hundreds_of_pairs() -> None:
    rng = random.Random(7)
    for case in range(300):
        view = random_view(rng, people=40, members=5, degree=4.0)
        spec = _spec(rng, view, team=case % 4 == 0, diversity="none", max_hops=3)
        expected = rank(networkx_paths(view, spec), spec)
        _same(best_paths(view, spec, 2), expected)


def test_blocked_people_never_appear_inside_a_path() -> None:
    rng = random.Random(11)
    for _ in range(50):
        view = random_view(rng, people=30, members=3, degree=5.0, blocked=0.3)
        spec = _spec(rng, view, team=True, diversity="none", max_hops=4)
        spec = SearchSpec(**{**spec.__dict__, "k": 50})
        for path in best_paths(view, spec, 1):
            assert not any(view.blocked(n) for n in path.nodes[1:-1])


def test_direct_connection_wins_over_a_stronger_product() -> None:
    view = GraphView()
    for n, label in (("m", "Member"), ("a", "Contact"), ("t", "Contact")):
        view.add_node(n, NodeFacts(label))
    view.add_edge("m", "t", 0.2)
    view.add_edge("m", "a", 0.95)
    view.add_edge("a", "t", 0.95)
    spec = SearchSpec(sources=frozenset({"m"}), targets={"t": 1.0}, max_hops=3, k=2)
    paths = best_paths(view, spec, 1)
    assert [p.nodes for p in paths] == [("m", "t"), ("m", "a", "t")]


def test_sources_are_never_intermediates() -> None:
    view = GraphView()
    for n, label in (("m1", "Member"), ("m2", "Member"), ("t", "Contact"), ("x", "Contact")):
        view.add_node(n, NodeFacts(label))
    view.add_edge("m1", "m2", 0.9)
    view.add_edge("m2", "t", 0.9)
    view.add_edge("m1", "x", 0.5)
    view.add_edge("x", "t", 0.5)
    spec = SearchSpec(sources=frozenset({"m1", "m2"}), targets={"t": 1.0}, max_hops=3, k=5,
                      diversity="none")
    assert {p.nodes for p in best_paths(view, spec, 1)} == {("m2", "t"), ("m1", "x", "t")}

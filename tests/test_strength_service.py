"""The strength service on the embedded engine: rescore, incremental, explain, strongest."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from graph.errors import InvalidInput, NotFound
from graph.loader import BulkLoader
from graph.model import (
    Interaction,
    InteractionKind,
    Knows,
    KnowsOrigin,
    ParticipantRole,
    ParticipatedIn,
    ReportsTo,
    WorksAt,
)
from graph.model.base import GraphEdge, GraphNode, NodeRef
from graph.store import GraphStore
from intel.strength import (
    explain_relationship,
    load_strength_settings,
    rescore,
    rescore_interactions,
    strongest_relationships,
)
from tests.factories import account, contact, member

AS_OF = datetime(2026, 11, 22, tzinfo=UTC)
S = load_strength_settings()
R = ParticipantRole


def _interaction(iid: str, kind: InteractionKind, days_ago: float,
                 people: list[tuple[NodeRef, ParticipantRole]]) -> tuple[Interaction,
                                                                          list[ParticipatedIn]]:
    at = AS_OF - timedelta(days=days_ago)
    node = Interaction(id=iid, created_at=at, updated_at=at, kind=kind, at=at,
                       participant_count=len(people))
    return node, [ParticipatedIn(src=ref, dst=node.ref, role=role) for ref, role in people]


def _load(store: GraphStore, nodes: dict[str, list[GraphNode]],
          edges: dict[str, list[GraphEdge]]) -> None:
    BulkLoader(store).load(nodes, edges)


def _graph(store: GraphStore) -> None:
    """m1-c1 two-way, m1-c2 one-way, c1-c2 colleagues (c2 reports to c1), m2-c3 explicit 60
    with no evidence, m2-c4 explicit 20 with meetings, m1-c5 only via an email (no tie)."""
    m1, m2 = member(1), member(2)
    cs = [contact(i) for i in range(1, 6)]
    acc = account(1)
    interactions: list[GraphNode] = []
    parts: list[GraphEdge] = []

    def add(iid: str, kind: InteractionKind, days: float,
            people: list[tuple[NodeRef, ParticipantRole]]) -> None:
        node, edges = _interaction(iid, kind, days, people)
        interactions.append(node)
        parts.extend(edges)

    for i in range(10):
        sender, receiver = (m1, cs[0]) if i % 2 else (cs[0], m1)
        add(f"int_a{i}", InteractionKind.EMAIL, 8 + 20 * i,
            [(sender.ref, R.FROM), (receiver.ref, R.TO)])
    add("int_a10", InteractionKind.MEETING, 3, [(m1.ref, R.ORGANIZER), (cs[0].ref, R.ATTENDEE)])
    for i in range(11):
        add(f"int_b{i}", InteractionKind.EMAIL, 8 + 20 * i,
            [(m1.ref, R.FROM), (cs[1].ref, R.TO)])
    for i in range(4):
        add(f"int_c{i}", InteractionKind.MEETING, 5 + 30 * i,
            [(m2.ref, R.ORGANIZER), (cs[3].ref, R.ATTENDEE)])
    add("int_d0", InteractionKind.EMAIL, 12, [(m1.ref, R.FROM), (cs[4].ref, R.TO)])
    edges: dict[str, list[GraphEdge]] = {
        "WORKS_AT": [WorksAt(src=c.ref, dst=acc.ref, start=date(2020, 1, 1)) for c in cs[:2]],
        "REPORTS_TO": [ReportsTo(src=cs[1].ref, dst=cs[0].ref)],
        "KNOWS": [
            Knows(src=m1.ref, dst=cs[0].ref, origins=[KnowsOrigin.INTERACTION]),
            Knows(src=m1.ref, dst=cs[1].ref, origins=[KnowsOrigin.INTERACTION]),
            Knows(src=cs[0].ref, dst=cs[1].ref, origins=[KnowsOrigin.COLLEAGUE]),
            Knows(src=m2.ref, dst=cs[2].ref, explicit_strength=60.0,
                  origins=[KnowsOrigin.LINKEDIN]),
            Knows(src=m2.ref, dst=cs[3].ref, explicit_strength=20.0,
                  origins=[KnowsOrigin.MANUAL]),
        ],
        "PARTICIPATED_IN": parts,
    }
    _load(store, {"Member": [m1, m2], "Account": [acc], "Contact": list(cs),
                  "Interaction": interactions}, edges)


def _strengths(store: GraphStore) -> dict[str, tuple[float | None, str | None]]:
    rows = store.read_cypher("MATCH (a)-[k:KNOWS]->(b) RETURN a.id AS a, b.id AS b, "
                             "k.strength AS s, k.strength_band AS band")
    return {f"{r['a']}|{r['b']}": (r["s"], r["band"]) for r in rows}


@pytest.fixture
def scored(store: GraphStore) -> GraphStore:
    _graph(store)
    report = rescore(store, S, AS_OF)
    assert report.pairs_scored == 6 and report.ties_created == 1
    assert sum(report.bands.values()) == 6 and report.interactions_read == 27
    return store


def test_rescore_writes_scores_on_every_knows_edge(scored: GraphStore) -> None:
    scores = _strengths(scored)
    assert set(scores) == {"mem_1|ct_1", "mem_1|ct_2", "ct_1|ct_2", "mem_2|ct_3", "mem_2|ct_4",
                           "mem_1|ct_5"}
    assert all(s is not None and 0 <= s <= 100 and band for s, band in scores.values())
    two_way, one_way = scores["mem_1|ct_1"][0], scores["mem_1|ct_2"][0]
    assert one_way is not None and two_way is not None and one_way < two_way
    assert scores["mem_2|ct_3"] == (60.0, "occasional")  # explicit, no evidence: kept
    rows = scored.read_cypher("MATCH (:Member {id: 'mem_1'})-[k:KNOWS]->(:Contact {id: 'ct_5'}) "
                              "RETURN k.origins AS o, k.interaction_count AS n, "
                              "k.last_interaction AS last, k.scored_at AS at")
    assert rows[0]["o"] == ["INTERACTION"] and rows[0]["n"] == 1
    assert rows[0]["last"] == AS_OF - timedelta(days=12) and rows[0]["at"] == AS_OF


def test_rescore_is_reproducible(scored: GraphStore) -> None:
    before = _strengths(scored)
    report = rescore(scored, S, AS_OF)
    assert report.ties_created == 0
    assert _strengths(scored) == before


def test_explain_relationship(scored: GraphStore) -> None:
    e = explain_relationship(scored, "ct_1", "mem_1", S, AS_OF)
    assert e.score == _strengths(scored)["mem_1|ct_1"][0]
    assert sum(d.contribution for d in e.drivers) == pytest.approx(e.score, abs=1e-6)
    assert {d.name for d in e.drivers} >= {"recency", "frequency", "reciprocity"}
    assert e.counts_by_channel == {"EMAIL": 10, "MEETING": 1}
    assert e.last_interaction == AS_OF - timedelta(days=3)
    assert (e.two_way, e.a_to_b, e.b_to_a) == (1, 5, 5)  # caller's order: ct_1 first
    assert e.trend.direction in ("up", "down", "flat") and e.trend.window_days == 90
    assert e.trend.recent_count == 6 and e.trend.previous_count == 4
    assert not e.combined and e.explicit_strength is None


def test_one_way_tie_is_explained_as_one_way(scored: GraphStore) -> None:
    e = explain_relationship(scored, "mem_1", "ct_2", S, AS_OF)
    assert (e.a_to_b, e.b_to_a, e.two_way) == (11, 0, 0)
    reciprocity = next(d for d in e.drivers if d.name == "reciprocity")
    assert reciprocity.contribution < 0 and "one-way only" in reciprocity.detail


def test_explicit_strength_kept_or_combined(scored: GraphStore) -> None:
    kept = explain_relationship(scored, "mem_2", "ct_3", S, AS_OF)
    assert kept.score == 60.0 and not kept.combined and kept.explicit_strength == 60.0
    assert [d.name for d in kept.drivers] == ["explicit_strength"]
    both = explain_relationship(scored, "mem_2", "ct_4", S, AS_OF)
    assert both.combined and "explicit_strength" in {d.name for d in both.drivers}
    assert sum(d.contribution for d in both.drivers) == pytest.approx(both.score, abs=1e-6)


def test_colleagues_get_the_shared_employer_driver(scored: GraphStore) -> None:
    e = explain_relationship(scored, "ct_1", "ct_2", S, AS_OF)
    employer = next(d for d in e.drivers if d.name == "shared_employer")
    assert "1 hops apart" in employer.detail and employer.contribution > 0


def test_unknown_ids_and_missing_ties(scored: GraphStore) -> None:
    with pytest.raises(NotFound):
        explain_relationship(scored, "mem_1", "ct_404", S, AS_OF)
    with pytest.raises(NotFound, match="no KNOWS"):
        explain_relationship(scored, "mem_2", "ct_1", S, AS_OF)
    with pytest.raises(InvalidInput):
        explain_relationship(scored, "mem_1", "mem_1", S, AS_OF)
    with pytest.raises(NotFound):
        strongest_relationships(scored, "nobody")


def test_strongest_relationships(scored: GraphStore) -> None:
    top = strongest_relationships(scored, "mem_1", limit=2)
    assert [t.id for t in top] == ["ct_1", "ct_2"]
    assert top[0].score is not None and top[1].score is not None
    assert top[0].score >= top[1].score and top[0].name == "Ana Silva 1"
    assert top[0].company == "Globex 1" and top[0].band is not None
    contact_side = strongest_relationships(scored, "ct_1")
    assert {t.id for t in contact_side} == {"mem_1", "ct_2"}


def test_incremental_rescore_touches_only_the_pairs_of_new_interactions(
        scored: GraphStore) -> None:
    before = _strengths(scored)
    m1, m2, c2, c5 = member(1), member(2), contact(2), contact(5)
    nodes: list[GraphNode] = []
    parts: list[GraphEdge] = []
    for i in range(6):
        sender, receiver = (c2, m1) if i % 2 == 0 else (m1, c2)
        node, edges = _interaction(f"int_n{i}", InteractionKind.EMAIL, 1 + i,
                                   [(sender.ref, R.FROM), (receiver.ref, R.TO)])
        nodes.append(node)
        parts += edges
    node, edges = _interaction("int_n9", InteractionKind.CALL, 2,
                               [(m2.ref, R.ORGANIZER), (c5.ref, R.ATTENDEE)])
    nodes.append(node)
    parts += edges
    _load(scored, {"Interaction": nodes}, {"PARTICIPATED_IN": parts})
    later = AS_OF + timedelta(days=1)
    report = rescore_interactions(scored, [n.id for n in nodes], S, later)
    assert report.pairs_scored == 2 and report.ties_created == 1
    after = _strengths(scored)
    assert set(after) == set(before) | {"mem_2|ct_5"}
    changed = {k for k in before if after[k] != before[k]}
    assert changed == {"mem_1|ct_2"}
    assert after["mem_1|ct_2"][0] > before["mem_1|ct_2"][0]  # now two-way and recent
    stamps = scored.read_cypher("MATCH (a)-[k:KNOWS]->(b) RETURN a.id + '|' + b.id AS p, "
                                "k.scored_at AS at")
    fresh = {r["p"] for r in stamps if r["at"] == later}
    assert fresh == {"mem_1|ct_2", "mem_2|ct_5"}


def test_only_small_interactions_create_ties(store: GraphStore) -> None:
    m1 = member(1)
    guests = [contact(i) for i in range(1, 13)]
    big, big_parts = _interaction("int_big", InteractionKind.MEETING, 20,
                                  [(m1.ref, R.ORGANIZER)] + [(c.ref, R.ATTENDEE) for c in guests])
    small, small_parts = _interaction("int_small", InteractionKind.CALL, 10,
                                      [(m1.ref, R.ORGANIZER), (guests[0].ref, R.ATTENDEE)])
    _load(store, {"Member": [m1], "Contact": list(guests), "Interaction": [big, small]},
          {"PARTICIPATED_IN": big_parts + small_parts})
    report = rescore(store, S, AS_OF)
    assert report.ties_created == 1
    assert set(_strengths(store)) == {"mem_1|ct_1"}
    e = explain_relationship(store, "mem_1", "ct_1", S, AS_OF)
    assert e.counts_by_channel == {"MEETING": 1, "CALL": 1}
    assert (e.two_way, e.shared) == (1, 1)  # the 13-person meeting is presence, not exchange

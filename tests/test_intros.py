"""Warm intros on the engine: exact against brute force over the same graph, and the rules
users expect (do-not-contact, former employees, direct first, distinct misses)."""

from __future__ import annotations

import random
from datetime import date

import pytest

from graph.evidence import EvidenceStore
from graph.loader import BulkLoader
from graph.model import Account, Contact, Knows, Member, NodeRef, StakeholderIn, WorksAt
from graph.store import GraphStore
from intel.intros import IntroFinder, IntroRequest, IntroSettings
from intel.intros.errors import AmbiguousName, UnknownMember, UnknownTarget
from intel.intros.graphview import GraphView, NodeFacts
from intel.intros.search import SearchSpec
from tests.conftest import T0
from tests.evidence_fixtures import evidence, session_evidence  # noqa: F401
from tests.intro_reference import brute_force, rank

SETTINGS = IntroSettings()


def _person(node: str, facts: NodeFacts) -> Member | Contact:
    if facts.label == "Member":
        return Member(id=node, created_at=T0, updated_at=T0, name=f"Member {node}",
                      email=f"{node}@team.example")
    return Contact(id=node, created_at=T0, updated_at=T0, name=f"Person {node}",
                   do_not_contact=facts.do_not_contact)


def load_view(store: GraphStore, view: GraphView) -> None:
    nodes = {n: _person(n, f) for n, f in view.facts.items()}
    unique = {}
    for a, neighbours in view.adjacency.items():
        for b, w in neighbours.items():
            # One edge per pair, stored Member first, else the smaller id first.
            first, second = sorted((nodes[a], nodes[b]), key=lambda p: (p.LABEL != "Member", p.id))
            edge = Knows(src=first.ref, dst=second.ref, strength=w * 100)
            unique[edge.identity] = edge
    BulkLoader(store).load(
        {"Member": [p for p in nodes.values() if p.LABEL == "Member"],
         "Contact": [p for p in nodes.values() if p.LABEL == "Contact"]},
        {"KNOWS": list(unique.values())})


def random_graph(rng: random.Random) -> GraphView:
    view = GraphView()
    for i in range(6):
        view.add_node(f"mem_{i}", NodeFacts("Member"))
    for i in range(60):
        view.add_node(f"ct_{i:03d}", NodeFacts("Contact", do_not_contact=rng.random() < 0.05))
    nodes = sorted(view.facts)
    for _ in range(150):
        a, b = rng.sample(nodes, 2)
        view.add_edge(a, b, round(rng.uniform(0.05, 1.0), 4))
    return view


@pytest.mark.parametrize("team", [False, True], ids=["one-member", "whole-team"])
def test_engine_answers_equal_brute_force(store: GraphStore, team: bool) -> None:
    rng = random.Random(int(team))
    view = random_graph(rng)
    load_view(store, view)
    finder = IntroFinder(store, SETTINGS)
    checked = 0
    for case in range(120):
        member = f"mem_{rng.randrange(6)}"
        target = f"ct_{rng.randrange(60):03d}"
        hops, diversity = rng.choice([1, 2, 3, 3, 4, 5]), rng.choice(["introducer", "none"])
        request = IntroRequest(to=target, from_member=None if team else member,
                               max_hops=hops, k=rng.randint(1, 4), diversity=diversity)
        members = frozenset(n for n in view.facts if n.startswith("mem_"))
        sources = members if team else frozenset([member])
        # From one member, teammates are not bridges: they are listed apart.
        spec = SearchSpec(sources=sources, targets={target: 1.0}, max_hops=hops,
                          k=request.k or 3, diversity=diversity,  # type: ignore[arg-type]
                          avoid=members - sources)
        expected = rank(brute_force(view, spec), spec)
        found = finder.find(request)
        assert [tuple(p.id for p in path.people) for path in found.paths] == \
            [p.nodes for p in expected], f"case {case}"
        assert [path.score for path in found.paths] == pytest.approx(
            [p.score for p in expected], abs=1e-6)
        checked += bool(expected)
    assert checked > 40  # most cases have at least one path


@pytest.fixture
def globex(store: GraphStore) -> GraphStore:
    """Maya knows Tom (strong) and Lea (weak); both know Ana, the CFO at Globex. Tom left
    Globex, Lea still works there; Dan is do-not-contact but the strongest bridge to Bob."""
    people = {
        "ct_ana": {"name": "Ana Silva"}, "ct_tom": {"name": "Tom Reyes"},
        "ct_lea": {"name": "Lea Ng"}, "ct_dan": {"name": "Dan Cole", "do_not_contact": True},
        "ct_bob": {"name": "Bob Stone"}, "ct_kim": {"name": "Kim Park"},
        "ct_far": {"name": "Far Away"}, "ct_x1": {"name": "X One"},
        "ct_x2": {"name": "X Two"}, "ct_x3": {"name": "X Three"},
        "ct_ana2": {"name": "Ana Silva"},
    }
    contacts = [Contact(id=i, created_at=T0, updated_at=T0, **f) for i, f in people.items()]
    members = [Member(id="mem_maya", created_at=T0, updated_at=T0, name="Maya Costa",
                      email="maya@rapport.dev"),
               Member(id="mem_raj", created_at=T0, updated_at=T0, name="Raj Iyer",
                      email="raj@rapport.dev")]
    globex = Account(id="acc_globex", created_at=T0, updated_at=T0, name="Globex",
                     domain="globex.com")

    def ref(i: str) -> NodeRef:
        return NodeRef(label="Member" if i.startswith("mem") else "Contact", id=i)

    def knows(a: str, b: str, s: float) -> Knows:
        return Knows(src=ref(a), dst=ref(b), strength=s, interaction_count=3,
                     last_seen=T0)

    edges = [knows("mem_maya", "ct_tom", 90), knows("mem_maya", "ct_lea", 50),
             knows("ct_ana", "ct_tom", 80), knows("ct_ana", "ct_lea", 80),
             knows("mem_maya", "ct_dan", 95), knows("ct_bob", "ct_dan", 95),
             knows("mem_maya", "ct_kim", 30), knows("ct_bob", "ct_kim", 30),
             knows("mem_raj", "ct_ana", 40),
             knows("ct_x1", "ct_far", 90), knows("ct_x1", "ct_x2", 90),
             knows("ct_x2", "ct_x3", 90), knows("mem_raj", "ct_x3", 90)]
    works = [
        WorksAt(src=ref("ct_ana"), dst=globex.ref, title="CFO", start=date(2019, 1, 1)),
        WorksAt(src=ref("ct_lea"), dst=globex.ref, start=date(2018, 1, 1)),
        WorksAt(src=ref("ct_tom"), dst=globex.ref, current=False, start=date(2019, 1, 1),
                end=date(2023, 6, 1)),
    ]
    stake = [StakeholderIn(src=ref("ct_ana"), dst=globex.ref, role="DECISION_MAKER", key=True)]
    BulkLoader(store).load({"Member": members, "Account": [globex], "Contact": contacts},
                           {"KNOWS": edges, "WORKS_AT": works, "STAKEHOLDER_IN": stake})
    return store


def _names(result: object) -> list[list[str]]:
    return [[p.name for p in path.people] for path in result.paths]  # type: ignore[attr-defined]


def test_do_not_contact_person_is_never_a_bridge(globex: GraphStore) -> None:
    result = IntroFinder(globex, SETTINGS).find(
        IntroRequest(to="ct_bob", from_member="maya@rapport.dev", k=5))
    assert _names(result) == [["Maya Costa", "Kim Park", "Bob Stone"]]


def test_current_colleague_preferred_over_former_one(globex: GraphStore) -> None:
    finder = IntroFinder(globex, SETTINGS)
    result = finder.find(IntroRequest(to="ct_ana", from_member="mem_maya", k=2))
    # Via Tom: 0.9 * 0.8 * 0.8 (former colleague) = 0.576 > via Lea: 0.5 * 0.8 = 0.4
    assert _names(result)[0] == ["Maya Costa", "Tom Reyes", "Ana Silva"]
    assert result.paths[0].score == pytest.approx(0.9 * 0.8 * SETTINGS.former_colleague_factor)
    strict = IntroFinder(globex, IntroSettings(former_colleague_factor=0.5)).find(
        IntroRequest(to="ct_ana", from_member="mem_maya", k=2))
    assert _names(strict)[0] == ["Maya Costa", "Lea Ng", "Ana Silva"]


def test_account_target_means_current_people_key_first(globex: GraphStore) -> None:
    result = IntroFinder(globex, SETTINGS).find(
        IntroRequest(to_account="globex.com", from_member="mem_maya", k=5, diversity="none"))
    targets = {path.target.name for path in result.paths}
    assert "Tom Reyes" not in targets  # left Globex: not a target unless asked
    # A direct connection ranks first; other people weigh less than the decision maker.
    assert _names(result)[0] == ["Maya Costa", "Lea Ng"]
    assert result.paths[0].score == pytest.approx(0.5 * SETTINGS.other_people_factor)
    roles = {path.target.name: path.target_role for path in result.paths}
    assert roles["Ana Silva"] == "DECISION_MAKER" and roles["Lea Ng"] is None
    former = IntroFinder(globex, SETTINGS).find(
        IntroRequest(to_account="Globex", from_member="mem_maya", include_former=True, k=5))
    assert "Tom Reyes" in {path.target.name for path in former.paths}


def test_explanations_and_draft(globex: GraphStore) -> None:
    result = IntroFinder(globex, SETTINGS).find(IntroRequest(to="ct_ana", from_member="mem_maya"))
    top = result.paths[0]
    assert top.introducer is not None and top.introducer.name == "Tom Reyes"
    assert top.steps[0].explanation.startswith("Maya Costa knows Tom Reyes: 3 interactions")
    assert "strength 90 (strong)" in top.steps[0].explanation
    assert "Globex" in top.steps[1].explanation  # Tom and Ana worked together at Globex
    assert result.draft and "Hi Tom" in result.draft and "Ana Silva" in result.draft
    assert result.suggested_owner is not None and result.suggested_owner.name == "Maya Costa"


def test_teammates_are_listed_not_used_as_bridges(globex: GraphStore) -> None:
    # Raj (a teammate) knows Ana directly: Maya is told to ask Raj, and no path of hers
    # runs through him.
    result = IntroFinder(globex, SETTINGS).find(
        IntroRequest(to="ct_ana", from_member="mem_maya", k=5, diversity="none"))
    assert [(t.member.name, t.strength) for t in result.teammates] == [("Raj Iyer", 40.0)]
    assert all("Raj Iyer" not in names for names in _names(result))


def test_whole_team_suggests_the_owner_with_the_strongest_first_hop(globex: GraphStore) -> None:
    result = IntroFinder(globex, SETTINGS).find(IntroRequest(to="ct_ana", k=3))
    assert _names(result)[0] == ["Raj Iyer", "Ana Silva"]  # a direct connection wins
    assert result.suggested_owner is not None and result.suggested_owner.name == "Maya Costa"


def test_distinct_answers_for_each_miss(globex: GraphStore) -> None:
    finder = IntroFinder(globex, SETTINGS)
    with pytest.raises(UnknownTarget, match="no contact matches 'Nobody Here'"):
        finder.find(IntroRequest(to="Nobody Here"))
    with pytest.raises(UnknownTarget, match="no account"):
        finder.find(IntroRequest(to_account="initech.com"))
    with pytest.raises(UnknownMember, match="no team member matches"):
        finder.find(IntroRequest(to="ct_ana", from_member="ghost@rapport.dev"))
    with pytest.raises(AmbiguousName, match=r"ct_ana .*ct_ana2"):
        finder.find(IntroRequest(to="Ana Silva"))
    far = finder.find(IntroRequest(to="ct_far", from_member="mem_raj", max_hops=3))
    assert far.paths == [] and far.no_path is not None
    assert far.no_path.nearest_hops == 4 and "raise --max-hops" in far.no_path.message
    assert finder.find(IntroRequest(to="ct_far", from_member="mem_raj", max_hops=4)).paths


def test_http_api(globex: GraphStore, evidence: EvidenceStore) -> None:  # noqa: F811
    from fastapi.testclient import TestClient

    from tests.evidence_fixtures import api_app, bearer

    with TestClient(api_app(globex, evidence), headers=bearer(evidence, "seller")) as client:
        ok = client.post("/v1/intros", json={"to": "ct_ana", "from_member": "mem_maya"})
        assert ok.status_code == 200
        assert ok.json()["paths"][0]["introducer"]["name"] == "Tom Reyes"
        missing = client.post("/v1/intros", json={"to": "Nobody"})
        assert missing.status_code == 404
        assert missing.json()["type"].endswith("/unknown-target")
        ambiguous = client.post("/v1/intros", json={"to": "Ana Silva"})
        assert ambiguous.status_code == 409
        both = client.post("/v1/intros", json={"to": "ct_ana", "to_account": "globex.com"})
        assert both.status_code == 422
        coverage = client.get("/v1/accounts/globex.com/coverage").json()
        assert coverage["key_people"] == 1 and coverage["key_known"] == 1
        assert coverage["detail"][0]["best"]["member"] == "Raj Iyer"


def test_cli_prints_paths_and_json(globex: GraphStore, monkeypatch: pytest.MonkeyPatch) -> None:
    from contextlib import nullcontext

    from typer.testing import CliRunner

    from api import cli

    # The CLI opens the configured store; here it gets the test's store instead.
    monkeypatch.setattr(cli, "open_configured_store", lambda: nullcontext(globex))
    runner = CliRunner()
    text = runner.invoke(cli.app, ["intro", "--to", "ct_ana", "--from", "mem_maya"])
    assert text.exit_code == 0, text.output
    assert "1. Maya Costa -> Tom Reyes -> Ana Silva" in text.output
    assert "Hi Tom" in text.output
    as_json = runner.invoke(cli.app, ["intro", "--to-account", "globex.com", "--json"])
    assert as_json.exit_code == 0 and '"paths"' in as_json.output
    coverage = runner.invoke(cli.app, ["coverage", "Globex"])
    assert "1 of 1 key people" in coverage.output

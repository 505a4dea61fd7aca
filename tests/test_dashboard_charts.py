"""The account page's Plotly figures from API models (no graph involved: the models are
what the routes answer, built by hand)."""

from __future__ import annotations

from datetime import UTC, datetime

from api.entities.interactions import InteractionItem, Participant
from api.entities.orgchart import OrgChart, OrgPerson, OrgTie
from dashboards.orgchart import org_chart_figure
from dashboards.timeline import timeline_figure, timeline_rows


def _person(pid: str, manager: str | None, level: int, *, key: bool = False,
            strength: float | None = 50.0) -> OrgPerson:
    ties = [] if strength == -1 else [OrgTie(member_id="mem_1", member="Maya",
                                             strength=strength)]
    return OrgPerson(id=pid, name=pid.upper(), title=None, seniority=None, manager_id=manager,
                     level=level, roles=[], key=key, do_not_contact=False, ties=ties,
                     gap=key and not ties)


def _chart(people: list[OrgPerson], layout: str = "reports_to") -> OrgChart:
    return OrgChart(account_id="acc_1", account="Globex", layout=layout,  # type: ignore[arg-type]
                    people=people, gaps=[p.name for p in people if p.gap], hidden=0)


def _traces(fig: object) -> dict[str, object]:
    return {t.name: t for t in fig.data if t.name}  # type: ignore[attr-defined]


def test_org_chart_places_managers_above_their_reports() -> None:
    people = [_person("boss", None, 0, key=True), _person("a", "boss", 1),
              _person("b", "boss", 1, key=True, strength=-1), _person("c", "a", 2,
                                                                       strength=None)]
    traces = _traces(org_chart_figure(_chart(people)))
    assert {"reports to", "key stakeholder", "coverage gap", "other people", "team"} \
        <= set(traces)
    others = traces["other people"]
    xs = dict(zip(others.text, others.x, strict=True))  # type: ignore[attr-defined]
    assert xs["A"] == xs["C"]  # a manager sits above the middle of its single report
    assert list(traces["coverage gap"].text) == ["B"]  # type: ignore[attr-defined]


def test_org_chart_survives_a_reports_to_cycle_and_seniority_rows() -> None:
    cycle = [_person("a", "b", 1), _person("b", "a", 1)]
    assert org_chart_figure(_chart(cycle)).data
    rows = [_person(f"p{i}", None, i % 3) for i in range(12)]
    fig = org_chart_figure(_chart(rows, "seniority"))
    named = [t for t in _traces(fig)["other people"].text if t]  # type: ignore[attr-defined]
    assert named == []  # past ten people, only key people and managers are named


def test_timeline_rows_by_kind() -> None:
    people = [Participant(id="mem_1", name="Maya", label="Member", role="FROM"),
              Participant(id="ct_1", name="Ana", label="Contact", role="TO")]
    items = [InteractionItem(id=f"i{n}", kind=kind, at=datetime(2026, 1, n + 1, tzinfo=UTC),
                             subject=f"s{n}", summary=None, duration_minutes=None,
                             people=people)
             for n, kind in enumerate(["EMAIL", "CALL", "EMAIL"])]  # type: ignore[arg-type]
    fig = timeline_figure(items)
    assert [t.name for t in fig.data] == ["Email", "Call"]
    assert timeline_rows(items)[0] == {"date": items[0].at, "kind": "Email", "subject": "s0",
                                       "team": "Maya", "people": "Ana"}

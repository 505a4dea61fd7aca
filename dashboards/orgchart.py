"""The stakeholder map as an org chart, drawn with Plotly.

The account's people hang from their managers (reports-to edges; by seniority rows when
the account has none), key stakeholders are stars, coverage gaps (key people nobody on the
team knows) are red. The team sits in a row below; each person's strongest ties to it are
links coloured and sized by tie strength (red weak -> green strong).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import plotly.graph_objects as go

from dashboards.components import COLORS
from dashboards.graphs import strength_color

TIES_PER_PERSON = 2  # more links than this per person turn the chart into a hairball
BANDS = (0, 20, 40, 60, 80)  # links are drawn one trace per strength band
GAP_COLOR = "#dc2626"
LABEL_ALL = 10  # charts up to this many people name everyone


def _tree_x(people: list[Any]) -> dict[str, float]:
    """Leaves get consecutive slots and a manager sits above the middle of its reports."""
    children: dict[str | None, list[Any]] = defaultdict(list)
    for p in sorted(people, key=lambda p: (not p.key, p.name)):
        children[p.manager_id].append(p)
    x: dict[str, float] = {}
    slot = [0.0]
    placing: set[str] = set()  # a reports-to cycle must not recurse forever

    def place(person: Any) -> float:
        placing.add(person.id)
        below = [place(c) for c in children.get(person.id, [])
                 if c.id not in x and c.id not in placing]
        x[person.id] = sum(below) / len(below) if below else slot[0]
        if not below:
            slot[0] += 1
        return x[person.id]

    for root in children[None]:
        place(root)
    for person in people:  # a reports-to cycle has no root: place what is left
        if person.id not in x:
            place(person)
    return x


def _rows_x(people: list[Any]) -> dict[str, float]:
    """Seniority layout: each level a centred row."""
    rows: dict[int, list[Any]] = defaultdict(list)
    for p in sorted(people, key=lambda p: (not p.key, p.name)):
        rows[p.level].append(p)
    width = max(len(r) for r in rows.values())
    return {p.id: (width - len(row)) / 2 + i for row in rows.values()
            for i, p in enumerate(row)}


def _links(chart: Any, x: dict[str, float]) -> tuple[dict[str, float], list[tuple[Any, Any]]]:
    """Members' x positions and the (person, tie) links drawn."""
    links = [(p, t) for p in chart.people for t in p.ties[:TIES_PER_PERSON]]
    reach: dict[str, list[float]] = defaultdict(list)
    for person, tie in links:
        reach[tie.member_id].append(x[person.id])
    order = sorted(reach, key=lambda m: sum(reach[m]) / len(reach[m]))
    span = max(x.values(), default=0.0)
    step = span / max(1, len(order) - 1) if len(order) > 1 else 0.0
    return ({m: i * step if len(order) > 1 else span / 2 for i, m in enumerate(order)},
            links)


def _segments(pairs: list[tuple[tuple[float, float], tuple[float, float]]]
              ) -> tuple[list[float | None], list[float | None]]:
    xs: list[float | None] = []
    ys: list[float | None] = []
    for (x0, y0), (x1, y1) in pairs:
        xs += [x0, x1, None]
        ys += [y0, y1, None]
    return xs, ys


def _manager_lines(chart: Any, pos: dict[str, tuple[float, float]], fig: go.Figure) -> None:
    pairs = [(pos[p.manager_id], pos[p.id]) for p in chart.people if p.manager_id in pos]
    xs, ys = _segments(pairs)
    fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", hoverinfo="skip", name="reports to",
                             line={"color": "#cbd5e1", "width": 1.5}))


def _tie_lines(links: list[tuple[Any, Any]], pos: dict[str, tuple[float, float]],
               fig: go.Figure) -> None:
    bands: list[tuple[float | None, float]] = [(None, 0.0)]  # unscored ties: grey, thin
    bands += list(zip(BANDS, (*BANDS[1:], 101), strict=True))
    for low, high in bands:
        band = [(pos[f"m:{t.member_id}"], pos[p.id]) for p, t in links
                if (t.strength is None if low is None else
                    t.strength is not None and low <= t.strength < high)]
        if band:
            xs, ys = _segments(band)
            fig.add_trace(go.Scatter(
                x=xs, y=ys, mode="lines", hoverinfo="skip", showlegend=False,
                line={"color": strength_color(None if low is None else low + 10),
                      "width": 1 + high / 30}))
    mids = [((pos[f"m:{t.member_id}"][0] + pos[p.id][0]) / 2,
             (pos[f"m:{t.member_id}"][1] + pos[p.id][1]) / 2,
             f"{t.member} knows {p.name}: " + ("not scored yet" if t.strength is None
                                              else f"{t.strength:.0f}/100"))
            for p, t in links]
    fig.add_trace(go.Scatter(x=[m[0] for m in mids], y=[m[1] for m in mids], mode="markers",
                             hovertext=[m[2] for m in mids], hoverinfo="text",
                             showlegend=False, marker={"size": 6, "opacity": 0}))


def _hover(p: Any) -> str:
    best = f"best tie: {p.ties[0].member} ({p.ties[0].strength or 0:.0f})" if p.ties \
        else "nobody on the team knows them"
    roles = ", ".join(r.replace("_", " ").lower() for r in p.roles)
    return f"<b>{p.name}</b><br>{p.title or ''}<br>{roles}<br>{best}"


def _labelled(chart: Any) -> set[str]:
    """Who carries a name on the chart: everyone in a small chart; else key people and
    managers (a row of leaves' names would overlap); hovering names the others."""
    if len(chart.people) <= LABEL_ALL:
        return {p.id for p in chart.people}
    managers = {p.manager_id for p in chart.people}
    return {p.id for p in chart.people if p.key or p.id in managers}


def _label_sides(labelled: set[str], pos: dict[str, tuple[float, float]]) -> dict[str, str]:
    """Neighbouring names on one row alternate above and below their dots."""
    rows: dict[float, list[str]] = defaultdict(list)
    for pid in labelled:
        rows[pos[pid][1]].append(pid)
    return {pid: ("top center" if i % 2 == 0 else "bottom center")
            for row in rows.values()
            for i, pid in enumerate(sorted(row, key=lambda p: pos[p][0]))}


def _people(chart: Any, pos: dict[str, tuple[float, float]], fig: go.Figure) -> None:
    labelled = _labelled(chart)
    sides = _label_sides(labelled, pos)
    groups = {"key stakeholder": [p for p in chart.people if p.key and not p.gap],
              "coverage gap": [p for p in chart.people if p.gap],
              "other people": [p for p in chart.people if not p.key]}
    for name, group in groups.items():
        if not group:
            continue
        fig.add_trace(go.Scatter(
            x=[pos[p.id][0] for p in group], y=[pos[p.id][1] for p in group],
            mode="markers+text", name=name,
            textposition=[sides.get(p.id, "top center") for p in group],
            text=[p.name if p.id in labelled else "" for p in group],
            hovertext=[_hover(p) for p in group], hoverinfo="text",
            marker={"size": 20 if name != "other people" else 13,
                    "symbol": "star" if name != "other people" else "circle",
                    "color": [GAP_COLOR if p.gap else strength_color(
                        p.ties[0].strength if p.ties else None) for p in group],
                    "line": {"width": 1, "color": "#1e293b"}}))


def _members(members: dict[str, float], names: dict[str, str], y: float,
             fig: go.Figure) -> None:
    fig.add_trace(go.Scatter(
        x=list(members.values()), y=[y] * len(members), mode="markers+text", name="team",
        text=[names[m] for m in members], textposition="bottom center", hoverinfo="text",
        hovertext=[names[m] for m in members],
        marker={"size": 16, "symbol": "square", "color": COLORS["Member"]}))


def org_chart_figure(chart: Any) -> go.Figure:
    """The chart of an `OrgChart` (API model) with the team's strongest ties to it."""
    x = _tree_x(chart.people) if chart.layout == "reports_to" else _rows_x(chart.people)
    pos = {p.id: (x[p.id], -float(p.level)) for p in chart.people}
    members, links = _links(chart, x)
    bottom = -(max((p.level for p in chart.people), default=0) + 1.6)
    pos |= {f"m:{m}": (mx, bottom) for m, mx in members.items()}
    names = {t.member_id: t.member for _, t in links}
    xs = [x for x, _ in pos.values()] or [0.0]  # margins so edge names are not cut off
    fig = go.Figure()
    _manager_lines(chart, pos, fig)
    _tie_lines(links, pos, fig)
    _people(chart, pos, fig)
    if members:
        _members(members, names, bottom, fig)
    fig.update_layout(
        height=260 + 70 * (1 - bottom), margin={"l": 10, "r": 10, "t": 30, "b": 10},
        xaxis={"visible": False, "range": [min(xs) - 1.4, max(xs) + 1.4]},
        yaxis={"visible": False}, plot_bgcolor="white",
        legend={"orientation": "h", "y": 1.08})
    return fig

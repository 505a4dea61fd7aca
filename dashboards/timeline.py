"""An account's interaction timeline drawn with Plotly: one row per kind (email, meeting,
call, message, note), one dot per interaction at its date; hovering shows the subject and
who took part."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import plotly.graph_objects as go

KIND_COLORS = {"EMAIL": "#2563eb", "MEETING": "#16a34a", "CALL": "#ea580c",
               "MESSAGE": "#9333ea", "NOTE": "#64748b"}


def _who(item: Any) -> str:
    team = [p.name for p in item.people if p.label == "Member"]
    them = [p.name for p in item.people if p.label == "Contact"]
    return f"team: {', '.join(n or '?' for n in team) or '-'}<br>" \
           f"with: {', '.join(n or '?' for n in them) or '-'}"


def _hover(item: Any) -> str:
    return (f"<b>{item.subject or item.kind.value.title()}</b><br>"
            f"{item.at:%Y-%m-%d %H:%M}<br>{_who(item)}")


def timeline_figure(items: list[Any]) -> go.Figure:
    """Dots by kind over time, sized by how many people took part."""
    by_kind: dict[str, list[Any]] = defaultdict(list)
    for item in items:
        by_kind[str(item.kind.value)].append(item)
    fig = go.Figure()
    for kind in sorted(by_kind, key=lambda k: list(KIND_COLORS).index(k)
                       if k in KIND_COLORS else len(KIND_COLORS)):
        group = by_kind[kind]
        fig.add_trace(go.Scatter(
            x=[i.at for i in group], y=[kind.title()] * len(group), mode="markers",
            name=kind.title(), hovertext=[_hover(i) for i in group], hoverinfo="text",
            marker={"size": [8 + 2 * min(len(i.people), 6) for i in group], "opacity": 0.75,
                    "color": KIND_COLORS.get(kind, "#94a3b8")}))
    fig.update_layout(height=90 + 45 * max(1, len(by_kind)),
                      margin={"l": 10, "r": 10, "t": 10, "b": 10}, plot_bgcolor="white",
                      showlegend=False, xaxis={"showgrid": True, "gridcolor": "#e2e8f0"})
    return fig


def timeline_rows(items: list[Any]) -> list[dict[str, Any]]:
    """The same interactions as table rows (newest first)."""
    return [{"date": i.at, "kind": i.kind.value.title(), "subject": i.subject,
             "team": ", ".join(p.name or "?" for p in i.people if p.label == "Member"),
             "people": ", ".join(p.name or "?" for p in i.people if p.label == "Contact")}
            for i in items]

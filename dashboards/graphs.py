"""Intro paths drawn with Plotly: people as nodes coloured by type, hops as edges coloured
by tie strength (red weak -> green strong), one row per path so paths never overlap."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

from dashboards.components import COLORS


def strength_color(strength: float | None) -> str:
    """0-100 tie strength to a red..green colour; unknown strength is grey."""
    if strength is None:
        return "#94a3b8"
    s = max(0.0, min(100.0, strength)) / 100
    return f"rgb({int(220 * (1 - s))},{int(60 + 140 * s)},60)"


def _edges(path: Any, y: float, fig: go.Figure) -> None:
    where = {p.id: i for i, p in enumerate(path.people)}
    for step in path.steps:
        x0, x1 = where.get(step.source, 0), where.get(step.target, 0)
        fig.add_trace(go.Scatter(
            x=[x0, x1], y=[y, y], mode="lines", hoverinfo="text",
            text=step.explanation, showlegend=False,
            line={"width": 2 + (step.strength or 0) / 15, "color": strength_color(step.strength)}))


def _nodes(paths: list[Any], fig: go.Figure) -> None:
    by_label: dict[str, dict[str, list[Any]]] = {}
    for row, path in enumerate(paths):
        for i, person in enumerate(path.people):
            label = str(person.label)
            group = by_label.setdefault(label, {"x": [], "y": [], "text": [], "hover": []})
            group["x"].append(i)
            group["y"].append(-row)
            group["text"].append(person.name)
            group["hover"].append(f"{person.name}<br>{person.title or ''} "
                                  f"{'@ ' + person.company if person.company else ''}")
    for label, group in by_label.items():
        fig.add_trace(go.Scatter(
            x=group["x"], y=group["y"], mode="markers+text", name=label, text=group["text"],
            hovertext=group["hover"], hoverinfo="text", textposition="top center",
            marker={"size": 18, "color": COLORS.get(label, "#64748b")}))


def paths_figure(paths: list[Any]) -> go.Figure:
    fig = go.Figure()
    for row, path in enumerate(paths):
        _edges(path, -row, fig)
    _nodes(paths, fig)
    fig.update_layout(
        height=140 + 90 * len(paths), margin={"l": 10, "r": 10, "t": 30, "b": 10},
        xaxis={"visible": False}, plot_bgcolor="white",
        yaxis={"tickvals": [-r for r in range(len(paths))],
               "ticktext": [f"path {p.rank}" for p in paths], "zeroline": False},
        legend={"orientation": "h", "y": 1.1})
    return fig

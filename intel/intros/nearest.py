"""How far the nearest connection is when no path fits the hop limit (rules ignored)."""

from __future__ import annotations

from collections.abc import Mapping

from intel.intros.graphview import NodeFacts
from intel.intros.pull import NeighbourhoodPuller, SearchTooBroad


def _grow(puller: NeighbourhoodPuller, depth: dict[str, int],
          labels: dict[str, str], level: int) -> None:
    frontier = sorted(n for n, d in depth.items() if d == level)
    members = [n for n in frontier if labels[n] == "Member"]
    contacts = [n for n in frontier if labels[n] != "Member"]
    rows = (puller.fetch_edges("intros/member_edges", members)
            + puller.fetch_edges("intros/contact_edges", contacts))
    if len(rows) > puller.max_rows:
        raise SearchTooBroad("nearest-connection probe grew too large")
    for row in rows:
        labels.setdefault(row["b"], row["label"])
        depth.setdefault(row["b"], level + 1)


def nearest_hops(puller: NeighbourhoodPuller, sources: Mapping[str, NodeFacts],
                 targets: Mapping[str, NodeFacts], limit: int) -> int | None:
    """Fewest hops between the sources (any member when empty) and any target, or None."""
    labels = {n: f.label for n, f in (*sources.items(), *targets.items())}
    back = dict.fromkeys(targets, 0)
    front = dict.fromkeys(sources, 0)
    try:
        for _ in range(limit):
            meeting = _meeting(front, back, labels, team=not sources)
            if meeting is not None:
                return meeting
            if sources and len(front) <= len(back):
                _grow(puller, front, labels, max(front.values()))
            else:
                _grow(puller, back, labels, max(back.values()))
        return _meeting(front, back, labels, team=not sources)
    except SearchTooBroad:
        return None


def _meeting(front: dict[str, int], back: dict[str, int], labels: dict[str, str],
             team: bool) -> int | None:
    if team:
        found = [d for n, d in back.items() if labels[n] == "Member"]
    else:
        found = [front[n] + back[n] for n in front.keys() & back.keys()]
    return min(found) if found else None

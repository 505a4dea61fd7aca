"""How far the nearest connection is when no path fits the hop limit (rules ignored).

It continues the breadth-first search the path pull started (nothing is fetched twice),
one level at a time on the smaller frontier, with ids only, within a row budget: beyond
it the answer is "farther than N hops".
"""

from __future__ import annotations

from intel.intros.pull import MEMBER, NeighbourhoodPuller, Pulled, Side, cheaper


def _members(side: Side, labels: dict[str, str]) -> list[int]:
    return [d for n, d in side.depth.items() if labels.get(n) == "Member"]


def _meeting(pulled: Pulled, labels: dict[str, str], team: bool) -> int | None:
    if team:
        found = _members(pulled.bwd, labels)
    else:
        fwd, bwd = pulled.fwd.depth, pulled.bwd.depth
        found = [fwd[n] + bwd[n] for n in fwd.keys() & bwd.keys()]
    return min(found) if found else None


def _grow(puller: NeighbourhoodPuller, side: Side, labels: dict[str, str]) -> int:
    frontier = side.frontier
    rows = []
    for label, query in (("Member", "intros/member_neighbour_ids"),
                         ("Contact", "intros/contact_neighbour_ids")):
        ids = [n for n in frontier if labels.get(n, "Contact") == label]
        if ids:
            rows += puller.store.read(query, {"ids": ids})
    side.level += 1
    for row in rows:
        labels.setdefault(row["b"], "Member" if int(row["flags"]) & MEMBER else "Contact")
        side.depth.setdefault(row["b"], side.level)
    return len(rows)


def _touch(puller: NeighbourhoodPuller, one: Side, other: Side,
           labels: dict[str, str]) -> bool:
    """Whether an edge joins the two frontiers, counted in the engine (no rows back)."""
    into = other.frontier
    found = 0
    for label, query in (("Member", "intros/member_touches"),
                         ("Contact", "intros/contact_touches")):
        ids = [n for n in one.frontier if labels.get(n, "Contact") == label]
        if ids and into:
            found += int(puller.store.read(query, {"ids": ids, "into": into})[0]["n"])
    return found > 0


def nearest_hops(puller: NeighbourhoodPuller, pulled: Pulled, *, team: bool, limit: int,
                 row_budget: int) -> tuple[int | None, int]:
    """(fewest hops between the ends, or None if not within `limit` hops or the budget;
    the hop count searched)."""
    if pulled.frontiers_touch:  # the pull already joined the frontiers: rules blocked it
        return pulled.fwd.level + pulled.bwd.level + 1, pulled.fwd.level + pulled.bwd.level + 1
    labels = {n: f.label for n, f in pulled.view.facts.items()}
    spent = 0
    while True:
        found = _meeting(pulled, labels, team)
        reached = pulled.fwd.level + pulled.bwd.level
        if found is not None or reached >= limit or spent >= row_budget:
            return found, reached
        side = pulled.bwd if team else cheaper(pulled.bwd, pulled.fwd,
                                                lambda n: labels.get(n, "Contact"))
        if not side.frontier:
            return None, limit  # this side's component is exhausted: no connection at all
        spent += _grow(puller, side, labels)
        met = _meeting(pulled, labels, team)
        if met is not None:
            return met, reached + 1
        if not team and reached + 1 < limit:
            # Before growing the other side too, ask the engine whether the two frontiers
            # already touch: one more hop is the commonest answer, and a count is cheap.
            other = pulled.fwd if side is pulled.bwd else pulled.bwd
            if _touch(puller, other, side, labels):
                return reached + 2, reached + 2

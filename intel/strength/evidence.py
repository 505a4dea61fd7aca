"""Interaction evidence per pair of people, accumulated from packed interaction rows.

An interaction row (see cypher/strength/interactions_page.cypher) is parsed into an `Event`;
`EvidenceCollector.add` turns it into per-pair aggregates (`PairEvidence`): counts by channel
and direction, weighted masses (channel x group size x recency) and the first / last time.
Nothing here reads the graph: the service feeds rows in, so the aggregation is testable alone.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from intel.strength.settings import StrengthSettings

KINDS: tuple[str, ...] = ("EMAIL", "MEETING", "CALL", "MESSAGE", "NOTE")
_KIND_INDEX = {k: i for i, k in enumerate(KINDS)}
_SYMMETRIC_KINDS = frozenset({"MEETING", "CALL"})
_PRESENT_ROLES = frozenset({"ORGANIZER", "ATTENDEE"})
Pair = tuple[str, str]
Person = tuple[str, str, str]  # (id, label, role)
_DAY_S = 86400.0


@dataclass(slots=True)
class Event:
    """One interaction as the scorer sees it."""

    id: str
    kind: str
    at: datetime | None
    size: int
    reply: bool
    people: list[Person]


def _parse_time(text: str) -> datetime | None:
    if not text:
        return None
    value = datetime.fromisoformat(text)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def parse_event(row: str) -> Event:
    """'id|kind|at|participant_count|R|p1 label role;p2 label role;' -> Event."""
    iid, kind, at, size, reply, people = row.split("|", 5)
    persons: list[Person] = []
    for chunk in people.split(";"):
        parts = chunk.split(" ")
        if len(parts) == 3:
            persons.append((parts[0], parts[1], parts[2]))
    count = int(float(size)) if size else 0
    return Event(iid, kind, _parse_time(at), max(count, len(persons)), reply == "R", persons)


def canonical(a: tuple[str, str], b: tuple[str, str]) -> Pair:
    """(id, label) x2 -> the stored KNOWS order: a Member first, else the smaller id first."""
    a_member, b_member = a[1] == "Member", b[1] == "Member"
    if a_member != b_member:
        return (a[0], b[0]) if a_member else (b[0], a[0])
    return (a[0], b[0]) if a[0] < b[0] else (b[0], a[0])


def direction(kind: str, role_a: str, role_b: str, size: int = 2,
              two_way_max_group: int = 2) -> str:
    """'two_way' (meetings and calls of at most `two_way_max_group` people), 'a_to_b' /
    'b_to_a' (A is FROM, B a recipient: A->B), or 'shared' (both recipients of someone
    else's message, or both present in a bigger meeting: presence, not an exchange
    between the two, so it says nothing about reciprocity)."""
    if kind in _SYMMETRIC_KINDS or (role_a in _PRESENT_ROLES and role_b in _PRESENT_ROLES):
        return "two_way" if size <= two_way_max_group else "shared"
    if role_a == "FROM" and role_b != "FROM":
        return "a_to_b"
    if role_b == "FROM" and role_a != "FROM":
        return "b_to_a"
    return "shared"


def decay(age_days: float, half_life_days: float) -> float:
    """Exponential decay: 1 now, 0.5 after one half-life, 0.25 after two."""
    return float(0.5 ** (max(age_days, 0.0) / half_life_days))


def group_weight(size: int, exponent: float) -> float:
    """1 for two people, (2 / n) ** exponent for n participants."""
    return 1.0 if size <= 2 else float((2.0 / size) ** exponent)


@dataclass(slots=True)
class PairEvidence:
    """Aggregates of every interaction two people shared (up to the as-of time)."""

    kinds: list[int] = field(default_factory=lambda: [0] * len(KINDS))
    two_way: int = 0
    a_to_b: int = 0
    b_to_a: int = 0
    shared: int = 0
    mass_all: float = 0.0  # channel x group weight, whole history
    mass_window: float = 0.0  # same, within the frequency window
    decayed: float = 0.0  # same, times the recency decay
    balanced: float = 0.0  # mass of two-way events
    shared_mass: float = 0.0  # mass of shared events (presence: no say on reciprocity)
    mass_ab: float = 0.0
    mass_ba: float = 0.0
    presence: float = 0.0  # group weight only: for the channel mix
    recent: float = 0.0
    previous: float = 0.0
    recent_count: int = 0
    previous_count: int = 0
    first: datetime | None = None
    last: datetime | None = None
    first_id: str = ""
    smallest: int = 1 << 30  # fewest participants of any shared interaction

    @property
    def count(self) -> int:
        return sum(self.kinds)

    def counts_by_channel(self) -> dict[str, int]:
        return {k: n for k, n in zip(KINDS, self.kinds, strict=True) if n}


class EvidenceCollector:
    """Accumulates `PairEvidence` for the pairs `wanted` accepts, as of `as_of`."""

    def __init__(self, settings: StrengthSettings, as_of: datetime,
                 wanted: Callable[[Pair, tuple[str, str], int], bool]) -> None:
        self.s = settings
        self.as_of = as_of
        self.wanted = wanted
        self.pairs: dict[Pair, PairEvidence] = {}
        self.labels: dict[Pair, tuple[str, str]] = {}
        self.events = 0

    def add_rows(self, rows: Iterable[str]) -> str:
        """Add packed rows; returns the largest interaction id seen (for paging)."""
        last = ""
        for row in rows:
            event = parse_event(row)
            last = max(last, event.id)
            self.add(event)
        return last

    def add(self, event: Event) -> None:
        if event.at is None or event.at > self.as_of or event.kind not in _KIND_INDEX:
            return
        self.events += 1
        people = event.people
        for i, (a_id, a_label, a_role) in enumerate(people):
            for b_id, b_label, b_role in people[i + 1:]:
                if a_id == b_id:
                    continue
                pair = canonical((a_id, a_label), (b_id, b_label))
                flipped = pair[0] != a_id
                labels = (b_label, a_label) if flipped else (a_label, b_label)
                if not self.wanted(pair, labels, event.size):
                    continue
                roles = (b_role, a_role) if flipped else (a_role, b_role)
                self._record(pair, labels, event, roles)

    def _record(self, pair: Pair, labels: tuple[str, str], event: Event,
                roles: tuple[str, str]) -> None:
        ev = self.pairs.get(pair)
        if ev is None:
            ev = self.pairs[pair] = PairEvidence(first_id=event.id)
            self.labels[pair] = labels
        at = event.at
        assert at is not None
        age = (self.as_of - at).total_seconds() / _DAY_S
        way = direction(event.kind, *roles, event.size, self.s.two_way_max_group)
        present = group_weight(event.size, self.s.group_exponent)
        if way == "shared":
            present *= self.s.shared_weight
        channel = "EMAIL_THREAD" if event.kind == "EMAIL" and event.reply else event.kind
        w = present * self.s.channel_weights[channel]
        ev.kinds[_KIND_INDEX[event.kind]] += 1
        ev.smallest = min(ev.smallest, event.size)
        ev.mass_all += w
        ev.presence += present
        ev.decayed += w * decay(age, self.s.half_life_days)
        if age <= self.s.frequency_window_days:
            ev.mass_window += w
        self._direction(ev, way, w)
        self._trend(ev, age, w)
        if ev.first is None or at < ev.first:
            ev.first, ev.first_id = at, event.id
        if ev.last is None or at > ev.last:
            ev.last = at

    @staticmethod
    def _direction(ev: PairEvidence, way: str, w: float) -> None:
        if way == "a_to_b":
            ev.a_to_b += 1
            ev.mass_ab += w
        elif way == "b_to_a":
            ev.b_to_a += 1
            ev.mass_ba += w
        elif way == "two_way":
            ev.balanced += w
            ev.two_way += 1
        else:
            ev.shared_mass += w
            ev.shared += 1

    def _trend(self, ev: PairEvidence, age: float, w: float) -> None:
        window = self.s.trend_window_days
        if age < window:
            ev.recent += w
            ev.recent_count += 1
        elif age < 2 * window:
            ev.previous += w
            ev.previous_count += 1


def balance(ev: PairEvidence) -> float:
    """Share of the directed evidence that is two-way: two-way events plus matched
    exchanges. Shared presence is left out; with nothing directed at all the balance is
    neutral (0.5): co-presence alone says neither one-way nor two-way."""
    total = ev.balanced + ev.mass_ab + ev.mass_ba
    if total <= 0:
        return 0.5 if ev.shared_mass > 0 else 0.0
    return (ev.balanced + 2.0 * min(ev.mass_ab, ev.mass_ba)) / total


def saturate(mass: float, scale: float) -> float:
    """0 for no evidence, 63% at `scale`, towards 1 beyond."""
    return 1.0 - math.exp(-mass / scale)

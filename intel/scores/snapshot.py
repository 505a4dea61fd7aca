"""Snapshot: everything the scores and the Oracle read, pulled from the graph in one pass.

A handful of bulk reads (deals, stage changes, stakeholders, accounts, employment,
member-contact touches, the team's ties) become plain Python records; every score is then
computed in memory as of any time, which is what lets the win model replay history
(train on how closed deals looked while they were open) and every score show a trend.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from graph.model import DealStage
from graph.store import GraphStore, Row

_DAY_S = 86400.0


def day_number(value: datetime | date | None) -> float | None:
    """Days since the epoch (UTC), the time axis of every snapshot computation."""
    if value is None:
        return None
    if not isinstance(value, datetime):
        value = datetime(value.year, value.month, value.day, tzinfo=UTC)
    aware = value.replace(tzinfo=UTC) if value.tzinfo is None else value
    return aware.timestamp() / _DAY_S


@dataclass
class DealRec:
    id: str
    name: str
    amount: float | None
    currency: str
    stage: DealStage
    created: float
    entered: float | None
    expected_close: date | None
    actual_close: date | None
    loss_reason: str | None
    next_step: str | None
    account: str | None
    owner: str | None
    # (day, from, to, days in from) oldest first
    changes: list[tuple[float, DealStage | None, DealStage, float | None]] = field(
        default_factory=list)
    stakeholders: list[tuple[str, str, float]] = field(default_factory=list)  # contact, role, infl

    @property
    def closed_day(self) -> float | None:
        """When it closed (the last change into a closed stage), None while open."""
        if not self.stage.is_closed:
            return None
        closing = [c[0] for c in self.changes if c[2].is_closed]
        return closing[-1] if closing else self.entered

    def stage_at(self, day: float) -> tuple[DealStage, float] | None:
        """(stage, entered day) at `day`; None before the deal existed."""
        current: tuple[DealStage, float] | None = None
        for at, _, to, _ in self.changes:
            if at > day:
                break
            current = (to, at)
        if current is None and not self.changes and self.created <= day:
            current = (self.stage, self.entered or self.created)
        return current


@dataclass
class AccountRec:
    id: str
    name: str
    industry: str | None
    segment: str | None
    employees: int | None
    city: str | None
    stage: str
    tier: str | None
    owners: list[str]
    contacts: list[str] = field(default_factory=list)
    deals: list[str] = field(default_factory=list)


@dataclass
class Person:
    id: str
    name: str
    title: str | None
    account: str | None


@dataclass
class Snapshot:
    """The graph's deals, accounts and people, indexed for scoring at any time."""

    deals: dict[str, DealRec]
    accounts: dict[str, AccountRec]
    people: dict[str, Person]
    members: dict[str, str]  # id -> name
    touches: dict[tuple[str, str], list[float]]  # (member, contact) -> sorted days
    contact_touches: dict[str, list[float]]  # contact -> sorted days (any member)
    ties: dict[str, list[tuple[str, float, str | None]]]  # contact -> (member, strength, trend)
    reserved: list[Row] = field(default_factory=list)
    _account_times: dict[str, list[float]] = field(default_factory=dict, repr=False)
    _closes: dict[str, tuple[list[float], list[int]]] = field(default_factory=dict, repr=False)

    def count_between(self, times: list[float], start: float, end: float) -> int:
        return bisect_left(times, end) - bisect_left(times, start)

    def account_touches(self, account: str) -> list[float]:
        """Every touch with the account's current people, sorted (cached)."""
        if account not in self._account_times:
            acc = self.accounts.get(account)
            people = acc.contacts if acc is not None else []
            self._account_times[account] = sorted(
                t for c in people for t in self.contact_touches.get(c, ()))
        return self._account_times[account]

    def owner_record(self, owner: str | None, before: float) -> tuple[int, int]:
        """(wins, closed deals) of an owner among the deals closed before `before`."""
        if owner is None:
            return 0, 0
        if not self._closes:
            self._index_closes()
        days, wins = self._closes.get(owner, ([], [0]))
        n = bisect_left(days, before)
        return wins[n], n

    def _index_closes(self) -> None:
        by_owner: dict[str, list[tuple[float, int]]] = defaultdict(list)
        for deal in self.deals.values():
            closed = deal.closed_day
            if deal.owner is not None and closed is not None:
                by_owner[deal.owner].append((closed, int(deal.stage == DealStage.CLOSED_WON)))
        for owner, rows in by_owner.items():
            rows.sort()
            cumulative = [0]
            for _, won in rows:
                cumulative.append(cumulative[-1] + won)
            self._closes[owner] = ([d for d, _ in rows], cumulative)

    def last_touch(self, contact: str, before: float) -> float | None:
        times = self.contact_touches.get(contact, [])
        i = bisect_left(times, before)
        return times[i - 1] if i else None

    def best_tie(self, contact: str) -> tuple[str, float] | None:
        """The member with the strongest tie to the contact, and its strength."""
        ties = self.ties.get(contact)
        if not ties:
            return None
        member, strength, _ = max(ties, key=lambda t: (t[1], t[0]))
        return member, strength


def _deal(row: Row) -> DealRec:
    owners = sorted(row["owners"])
    return DealRec(
        id=row["id"], name=row["name"] or row["id"], amount=row["amount"],
        currency=row["currency"] or "EUR", stage=DealStage(row["stage"]),
        created=day_number(row["created_at"]) or 0.0, entered=day_number(row["stage_entered_at"]),
        expected_close=row["expected_close"], actual_close=row["actual_close"],
        loss_reason=row["loss_reason"], next_step=row["next_step"], account=row["account"],
        owner=owners[0] if owners else None)


def _accounts(store: GraphStore) -> dict[str, AccountRec]:
    return {r["id"]: AccountRec(
        id=r["id"], name=r["name"] or r["id"], industry=r["industry"], segment=r["segment"],
        employees=r["employees"], city=r["city"], stage=r["stage"] or "PROSPECT",
        tier=r["tier"], owners=sorted(r["owners"])) for r in store.read("scores/accounts")}


def _attach(store: GraphStore, deals: dict[str, DealRec]) -> None:
    for r in sorted(store.read("scores/stage_changes"), key=lambda r: r["at"]):
        deal = deals.get(r["deal"])
        if deal is not None:
            src = DealStage(r["from_stage"]) if r["from_stage"] else None
            deal.changes.append((day_number(r["at"]) or 0.0, src, DealStage(r["to_stage"]),
                                 r["days"]))
    for r in store.read("scores/stakeholders"):
        if r["deal"] in deals:
            deals[r["deal"]].stakeholders.append((r["contact"], r["role"], r["influence"]))


def _people(store: GraphStore, accounts: dict[str, AccountRec]) -> dict[str, Person]:
    people: dict[str, Person] = {}
    for r in store.read("scores/employment"):
        people[r["contact"]] = Person(r["contact"], r["name"] or r["contact"], r["title"],
                                      r["account"])
        if r["account"] in accounts:
            accounts[r["account"]].contacts.append(r["contact"])
    return people


def _touches(store: GraphStore) -> tuple[dict[tuple[str, str], list[float]],
                                         dict[str, list[float]]]:
    pairs: dict[tuple[str, str], list[float]] = defaultdict(list)
    contacts: dict[str, list[float]] = defaultdict(list)
    for r in store.read("scores/touches", timeout_s=300):
        day = day_number(r["at"])
        if day is not None:
            pairs[(r["member"], r["contact"])].append(day)
            contacts[r["contact"]].append(day)
    for times in (*pairs.values(), *contacts.values()):
        times.sort()
    return dict(pairs), dict(contacts)


def read_snapshot(store: GraphStore) -> Snapshot:
    """Read the whole graph's pipeline, accounts and touches (a few bulk queries)."""
    deals = {r["id"]: _deal(r) for r in store.read("scores/deals")}
    _attach(store, deals)
    accounts = _accounts(store)
    for deal in deals.values():
        if deal.account in accounts:
            accounts[deal.account].deals.append(deal.id)
    people = _people(store, accounts)
    pairs, by_contact = _touches(store)
    ties: dict[str, list[tuple[str, float, str | None]]] = defaultdict(list)
    for r in store.read("scores/member_ties"):
        ties[r["contact"]].append((r["member"], float(r["strength"]), r["trend"]))
    members = {r["id"]: r["name"] or r["id"] for r in store.read("scores/members")}
    return Snapshot(deals=deals, accounts=accounts, people=people, members=members,
                    touches=pairs, contact_touches=by_contact, ties=dict(ties),
                    reserved=store.read("scores/properties"))

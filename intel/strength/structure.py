"""Shared-employer evidence: employment periods (WORKS_AT) and the org chart (REPORTS_TO).

`Structure` holds what the graph says about where contacts work and whom they report to;
`shared_employer` turns it into the features of one pair: same current employer, hops
between them in the org chart, and the best former overlap (years together, years since).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

_YEAR_DAYS = 365.25


@dataclass(frozen=True, slots=True)
class Job:
    account: str
    current: bool
    start: date | None
    end: date | None


@dataclass(frozen=True, slots=True)
class EmployerFeatures:
    """What two people's employment says about their tie."""

    same_current: bool = False
    account: str | None = None
    org_hops: int | None = None
    overlap_years: float = 0.0
    years_since: float = 0.0
    former_account: str | None = None

    @property
    def known(self) -> bool:
        return self.same_current or self.former_account is not None


@dataclass
class Structure:
    """Employment periods and managers of (some) contacts."""

    jobs: dict[str, list[Job]] = field(default_factory=dict)
    managers: dict[str, str] = field(default_factory=dict)
    chains: dict[str, dict[str, int]] = field(default_factory=dict)

    def add_jobs(self, rows: Iterable[dict[str, Any]]) -> None:
        for r in rows:
            job = Job(r["account"], bool(r["current"]), r.get("start"), r.get("end"))
            self.jobs.setdefault(r["person"], []).append(job)

    def add_managers(self, rows: Iterable[dict[str, Any]]) -> None:
        """(person, manager) edges of the whole chart."""
        for r in rows:
            self.managers[r["person"]] = r["manager"]

    def add_chains(self, rows: Iterable[dict[str, Any]]) -> None:
        """(person, manager, hops) rows: the chain above some people."""
        for r in rows:
            self.chains.setdefault(r["person"], {r["person"]: 0})[r["manager"]] = int(r["hops"])

    def chain(self, person: str, limit: int = 64) -> dict[str, int]:
        """The person and every manager above them, with the hops to each."""
        found = self.chains.get(person)
        if found is not None:
            return found
        out, node, hops = {person: 0}, person, 0
        while node in self.managers and hops < limit:
            node, hops = self.managers[node], hops + 1
            if node in out:
                break
            out[node] = hops
        if len(self.chains) < 500_000:
            self.chains[person] = out
        return out

    def org_hops(self, a: str, b: str) -> int | None:
        """Hops between two people via their lowest common manager; None if unrelated."""
        up_a, up_b = self.chain(a), self.chain(b)
        best = [ha + up_b[m] for m, ha in up_a.items() if m in up_b]
        return min(best) if best else None


def _period(job: Job, as_of: date) -> tuple[date, date] | None:
    end = as_of if job.current else job.end
    if job.start is None or end is None or end < job.start:
        return None
    return job.start, min(end, as_of)


def shared_employer(structure: Structure, a: str, b: str, as_of: date) -> EmployerFeatures:
    """Features of a pair of contacts; empty features when they never shared an employer."""
    jobs_a, jobs_b = structure.jobs.get(a, ()), structure.jobs.get(b, ())
    for ja in jobs_a:
        for jb in jobs_b:
            if ja.current and jb.current and ja.account == jb.account:
                return EmployerFeatures(same_current=True, account=ja.account,
                                        org_hops=structure.org_hops(a, b))
    best: EmployerFeatures | None = None
    for ja in jobs_a:
        for jb in jobs_b:
            if ja.account != jb.account:
                continue
            pa, pb = _period(ja, as_of), _period(jb, as_of)
            if pa is None or pb is None:
                continue
            start, end = max(pa[0], pb[0]), min(pa[1], pb[1])
            if end <= start:
                continue
            found = EmployerFeatures(overlap_years=(end - start).days / _YEAR_DAYS,
                                     years_since=(as_of - end).days / _YEAR_DAYS,
                                     former_account=ja.account)
            if best is None or found.overlap_years - found.years_since > (
                    best.overlap_years - best.years_since):
                best = found
    return best or EmployerFeatures()

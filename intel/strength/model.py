"""The strength model: evidence of one pair -> a 0-100 score made of named contributions.

Every driver gives points in [0, its maximum] (reciprocity may be negative: it takes back
most of the interaction points of a one-way-only tie). The raw sum is compressed above
`knee` so it never passes 100, and every contribution is scaled by the same factor, so the
contributions always add up to the score. An imported `explicit_strength` is kept as the
score while there is no interaction evidence, and blended with the evidence otherwise.
docs/scoring.md gives the formulas and the reasons behind each default.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from intel.strength.evidence import PairEvidence, balance, saturate
from intel.strength.settings import StrengthSettings
from intel.strength.structure import EmployerFeatures

_DAY_S = 86400.0
_STRUCTURAL_ORIGINS = frozenset({"COLLEAGUE", "FORMER_COLLEAGUE"})


@dataclass(frozen=True, slots=True)
class DriverPoints:
    name: str
    contribution: float
    detail: str


@dataclass(frozen=True, slots=True)
class Scored:
    score: float
    band: str
    trend: str
    drivers: tuple[DriverPoints, ...]
    combined: bool


class StrengthModel:
    """Scores pairs with the parameters it was built with; `as_of` is always explicit."""

    def __init__(self, settings: StrengthSettings) -> None:
        self.s = settings

    # -- public ---------------------------------------------------------------------------
    def score(self, ev: PairEvidence | None, employer: EmployerFeatures,
              origins: Iterable[str], explicit: float | None, as_of: datetime) -> Scored:
        origins = tuple(origins)
        if explicit is not None and (ev is None or ev.count == 0):
            drivers = (DriverPoints("explicit_strength", round(explicit, 1),
                                    "imported strength, kept: no interaction evidence yet"),)
            return self._result(round(explicit, 1), drivers, ev, combined=False)
        raw = self.interaction_points(ev, as_of) + self.structure_points(
            employer, origins, ev.mass_all if ev else 0.0)
        total = sum(d.contribution for d in raw)
        score = self.compress(total)
        factor = score / total if total > 0 else 0.0
        scaled = [DriverPoints(d.name, d.contribution * factor, d.detail) for d in raw]
        if explicit is None or ev is None:
            return self._result(score, tuple(scaled), ev, combined=False)
        alpha = self.s.explicit_prior / (self.s.explicit_prior + ev.mass_all)
        blended = [DriverPoints(d.name, d.contribution * (1 - alpha), d.detail) for d in scaled]
        blended.append(DriverPoints(
            "explicit_strength", alpha * explicit,
            f"imported strength {explicit:.0f} weighs {alpha:.0%} beside the interaction "
            "evidence (combined)"))
        return self._result(alpha * explicit + (1 - alpha) * score, tuple(blended), ev,
                            combined=True)

    def band(self, score: float) -> str:
        if score >= self.s.strong_from:
            return "strong"
        return "occasional" if score >= self.s.occasional_from else "weak"

    def trend(self, ev: PairEvidence | None) -> str:
        if ev is None or (ev.recent <= 0 and ev.previous <= 0):
            return "flat"
        change = (ev.recent - ev.previous) / max(ev.recent, ev.previous)
        if change >= self.s.trend_min_change:
            return "up"
        return "down" if change <= -self.s.trend_min_change else "flat"

    def compress(self, raw: float) -> float:
        """Identity up to the knee, then a smooth approach to 100."""
        knee = self.s.knee
        if raw <= knee:
            return max(raw, 0.0)
        room = 100.0 - knee
        return knee + room * (1.0 - math.exp(-(raw - knee) / room))

    # -- drivers -----------------------------------------------------------------------
    def interaction_points(self, ev: PairEvidence | None, as_of: datetime
                           ) -> list[DriverPoints]:
        if ev is None or ev.count == 0:
            return []
        s = self.s
        f_freq = saturate(ev.mass_window, s.frequency_scale)
        f_all = saturate(ev.mass_all, s.frequency_scale)
        days = (as_of - ev.last).total_seconds() / _DAY_S if ev.last else 0.0
        span = (ev.last - ev.first).days if ev.first and ev.last else 0
        richness = ev.mass_all / ev.presence / max(s.channel_weights.values()) \
            if ev.presence else 0.0
        base = [
            DriverPoints("recency", s.recency_points * saturate(ev.decayed, s.recency_scale),
                         f"last interaction {days:.0f} days ago; decayed evidence "
                         f"{ev.decayed:.2f} (half-life {s.half_life_days:g} days)"),
            DriverPoints("frequency", s.frequency_points * f_freq,
                         f"{ev.count} interactions, weighted {ev.mass_window:.2f} in the last "
                         f"{s.frequency_window_days:g} days (large groups count less)"),
            DriverPoints("channel", s.channel_points * richness * f_all,
                         f"channel mix {_mix(ev)} (meeting > call > email thread > email > "
                         "message)"),
            DriverPoints("duration", s.duration_points * min(1.0, span / s.duration_full_days)
                         * min(1.0, ev.mass_all / 3.0),
                         f"known for {span} days (first to last interaction)"),
        ]
        return [*base, self._reciprocity(ev, base, f_all)]

    def _reciprocity(self, ev: PairEvidence, base: list[DriverPoints], f_all: float
                     ) -> DriverPoints:
        b = balance(ev)
        keep = self.s.one_way_factor + (1.0 - self.s.one_way_factor) * b
        penalty = (1.0 - keep) * sum(d.contribution for d in base)
        points = self.s.reciprocity_points * b * f_all - penalty
        shape = "one-way only" if b == 0 else ("mostly one-way" if b < 0.5 else "two-way")
        most, back = max(ev.a_to_b, ev.b_to_a), min(ev.a_to_b, ev.b_to_a)
        return DriverPoints("reciprocity", points,
                            f"{shape}: {ev.two_way} two-way, {most} one way and {back} back, "
                            f"{ev.shared} shared (balance {b:.2f}; one-way evidence keeps "
                            f"{keep:.0%} of the interaction points)")

    def structure_points(self, emp: EmployerFeatures, origins: tuple[str, ...],
                         evidence: float = 0.0) -> list[DriverPoints]:
        out: list[DriverPoints] = []
        employer = self._employer(emp)
        if employer is None:
            structural = [o for o in origins if o in _STRUCTURAL_ORIGINS]
            best = max(structural, key=lambda o: self.s.origin_points.get(o, 0.0), default=None)
            if best is not None:
                employer = DriverPoints("shared_employer", self.s.origin_points.get(best, 0.0),
                                        f"imported as {best.lower()} (no employment records)")
        if employer is not None:
            out.append(employer)
        explicit = [o for o in origins if o not in _STRUCTURAL_ORIGINS]
        best = max(explicit, key=lambda o: self.s.origin_points.get(o, 0.0), default=None)
        if best is not None and self.s.origin_points.get(best, 0.0) > 0:
            # A prior: it says most when nothing else is known, less as interactions add up.
            keep = 1.0 - saturate(evidence, self.s.origin_evidence_scale)
            out.append(DriverPoints("explicit_tie", self.s.origin_points[best] * keep,
                                    f"known through {best.lower()} ({', '.join(origins)}); "
                                    f"{keep:.0%} kept beside the interaction evidence"))
        return out

    def _employer(self, emp: EmployerFeatures) -> DriverPoints | None:
        s = self.s
        if emp.same_current:
            if emp.org_hops is None:
                return DriverPoints("shared_employer", s.same_employer_points,
                                    "same current employer")
            points = s.org_chart_points - s.org_hop_points * (emp.org_hops - 1)
            return DriverPoints("shared_employer", max(points, 0.0),
                                f"same current employer, {emp.org_hops} hops apart in the "
                                "org chart")
        if emp.former_account is None:
            return None
        years = min(emp.overlap_years, s.former_overlap_full_years)
        since = min(emp.years_since, s.former_fade_full_years)
        points = s.former_employer_points + s.former_year_points * years \
            - s.former_fade_points * since
        return DriverPoints("shared_employer", max(points, 0.0),
                            f"worked together {emp.overlap_years:.1f} years, "
                            f"{emp.years_since:.1f} years ago")

    # -- assembly ------------------------------------------------------------------------
    def _result(self, score: float, drivers: tuple[DriverPoints, ...],
                ev: PairEvidence | None, *, combined: bool) -> Scored:
        score = round(min(max(score, 0.0), 100.0), 1)
        return Scored(score, self.band(score), self.trend(ev), _settle(drivers, score),
                      combined)


def _mix(ev: PairEvidence) -> str:
    counts = ev.counts_by_channel()
    return ", ".join(f"{n} {k.lower()}" for k, n in counts.items()) or "none"


def _settle(drivers: tuple[DriverPoints, ...], score: float) -> tuple[DriverPoints, ...]:
    """Round contributions to 0.1 and put the rounding remainder on the largest one, so
    they add up to the (rounded) score exactly."""
    if not drivers:
        return drivers
    rounded = [round(d.contribution, 1) for d in drivers]
    largest = max(range(len(drivers)), key=lambda i: abs(drivers[i].contribution))
    rounded[largest] = round(rounded[largest] + score - sum(rounded), 1)
    return tuple(DriverPoints(d.name, r, d.detail) for d, r in zip(drivers, rounded,
                                                                    strict=True))

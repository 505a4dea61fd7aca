"""The strength service: full and incremental rescoring, explanations, strongest ties.

`as_of` is always a parameter (a date means midnight UTC): the same graph and the same
as-of time give the same scores. Evidence after `as_of` is ignored.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime
from datetime import time as dtime
from typing import Any

from graph.errors import InvalidInput, NotFound
from graph.rows import iso
from graph.store.base import GraphStore
from intel.strength import reader
from intel.strength.evidence import EvidenceCollector, Pair, PairEvidence, canonical
from intel.strength.explain import (
    RelationshipSummary,
    RescoreReport,
    StrengthExplanation,
    explanation,
)
from intel.strength.model import Scored, StrengthModel
from intel.strength.reader import PAIR_KINDS, Tie
from intel.strength.settings import StrengthSettings
from intel.strength.structure import EmployerFeatures, Structure, shared_employer

Progress = Callable[[str, int, int], None]
"""Called with (step, done, total) as a rescore advances."""
PairLabels = dict[Pair, tuple[str, str]]  # a KNOWS pair (canonical) -> its ends' labels

_INTERACTION = ("INTERACTION",)


def as_of_time(as_of: date | datetime) -> datetime:
    """A date is midnight UTC; a naive datetime is UTC."""
    if isinstance(as_of, datetime):
        return as_of.replace(tzinfo=UTC) if as_of.tzinfo is None else as_of.astimezone(UTC)
    return datetime.combine(as_of, dtime(0, 0), tzinfo=UTC)


class StrengthScorer:
    """Scores KNOWS pairs with one settings object (constructor injection)."""

    def __init__(self, settings: StrengthSettings) -> None:
        self.settings = settings
        self.model = StrengthModel(settings)

    def may_create(self, labels: tuple[str, str]) -> bool:
        """Whether evidence may create a missing tie between people with these labels."""
        return self.settings.create_ties and labels == ("Member", "Contact")

    def creates(self, ev: PairEvidence) -> bool:
        """A tie is created from an interaction of at most create_max_participants people."""
        return ev.smallest <= self.settings.create_max_participants

    def score_pair(self, pair: Pair, tie: Tie, ev: PairEvidence | None,
                   structure: Structure, as_of: datetime) -> Scored:
        employer = EmployerFeatures()
        if tie.labels == ("Contact", "Contact"):
            employer = shared_employer(structure, pair[0], pair[1], as_of.date())
        return self.model.score(ev, employer, tie.origins, tie.explicit, as_of)

    def score_rows(self, ties: dict[Pair, Tie], evidence: dict[Pair, PairEvidence],
                   structure: Structure, as_of: datetime
                   ) -> tuple[dict[str, list[dict[str, Any]]], Counter[str]]:
        """Score every tie; write rows by pair kind and the bands histogram."""
        rows: dict[str, list[dict[str, Any]]] = {}
        bands: Counter[str] = Counter()
        stamp = iso(as_of)
        for pair, tie in ties.items():
            kind = PAIR_KINDS.get(tie.labels)
            if kind is None:
                continue
            ev = evidence.get(pair)
            scored = self.score_pair(pair, tie, ev, structure, as_of)
            bands[scored.band] += 1
            rows.setdefault(kind, []).append({
                "a": pair[0], "b": pair[1], "strength": scored.score, "band": scored.band,
                "trend": scored.trend, "last_interaction": iso(ev.last) if ev else None,
                "first_seen": iso(ev.first) if ev else None, "count": ev.count if ev else 0,
                "scored_at": stamp})
        return rows, bands


def _create_missing(store: GraphStore, scorer: StrengthScorer, ties: dict[Pair, Tie],
                    collector: EvidenceCollector, only: Iterable[Pair] | None = None) -> int:
    pairs = collector.pairs if only is None else {p: collector.pairs[p] for p in only
                                                  if p in collector.pairs}
    new = [(p, ev) for p, ev in pairs.items() if p not in ties and scorer.creates(ev)]
    if not new:
        return 0
    rows = [{"a": p[0], "b": p[1], "source": f"interaction:{ev.first_id}"} for p, ev in new]
    reader.create_ties(store, rows, scorer.settings)
    for p, _ in new:
        ties[p] = Tie(collector.labels[p], None, _INTERACTION)
    return len(new)


def rescore(store: GraphStore, settings: StrengthSettings, as_of: date | datetime,
            progress: Progress | None = None) -> RescoreReport:
    """Recompute the strength of every KNOWS edge from all the evidence in the graph."""
    started, now = time.perf_counter(), as_of_time(as_of)
    say = progress or (lambda step, done, total: None)
    scorer, timings = StrengthScorer(settings), {}
    say("ties", 0, 5)
    ties = reader.read_all_ties(store, settings)
    structure = reader.read_all_structure(store, settings)
    timings["read_ties_s"] = time.perf_counter() - started

    def wanted(pair: Pair, labels: tuple[str, str], size: int) -> bool:
        return pair in ties or scorer.may_create(labels)

    say("interactions", 1, 5)
    collector = EvidenceCollector(settings, now, wanted)
    read = reader.stream_interactions(store, settings, collector)
    timings["read_interactions_s"] = time.perf_counter() - started - timings["read_ties_s"]
    say("create", 2, 5)
    created = _create_missing(store, scorer, ties, collector)
    return _score_and_write(store, scorer, ties, collector, structure, now,
                            (started, read, created, timings), say)


def _score_and_write(store: GraphStore, scorer: StrengthScorer, ties: dict[Pair, Tie],
                     collector: EvidenceCollector, structure: Structure, now: datetime,
                     run: tuple[float, int, int, dict[str, float]],
                     say: Progress) -> RescoreReport:
    started, read, created, timings = run
    mark = time.perf_counter()
    say("score", 3, 5)
    rows, bands = scorer.score_rows(ties, collector.pairs, structure, now)
    timings["score_s"] = time.perf_counter() - mark
    mark = time.perf_counter()
    say("write", 4, 5)
    reader.write_scores(store, rows, scorer.settings)
    timings["write_s"] = time.perf_counter() - mark
    say("done", 5, 5)
    return RescoreReport(
        as_of=now, pairs_scored=sum(bands.values()), ties_created=created,
        interactions_read=read, with_evidence=sum(1 for p in ties if p in collector.pairs),
        bands={b: bands.get(b, 0) for b in ("strong", "occasional", "weak")},
        seconds=round(time.perf_counter() - started, 3),
        timings={k: round(v, 3) for k, v in timings.items()})


def rescore_interactions(store: GraphStore, interaction_ids: Sequence[str],
                         settings: StrengthSettings, as_of: date | datetime,
                         progress: Progress | None = None,
                         before_write: Callable[[PairLabels], None] | None = None
                         ) -> RescoreReport:
    """Recompute only the pairs the given interactions touch (creating missing
    member-contact ties), from all of those pairs' evidence. `before_write` is given
    every pair it may write (in `canonical` order, with its labels) before it writes."""
    started, now = time.perf_counter(), as_of_time(as_of)
    say = progress or (lambda step, done, total: None)
    scorer = StrengthScorer(settings)
    seen = EvidenceCollector(settings, now, lambda pair, labels, size: True)
    reader.read_interactions(store, list(interaction_ids), seen)
    people = {pid: lab for pair, labs in seen.labels.items()
              for pid, lab in zip(pair, labs, strict=True)}
    ties = reader.read_ties_of(store, people)
    creatable = {p for p, labels in seen.labels.items() if scorer.may_create(labels)}
    touched = {p for p in seen.pairs if p in ties} | creatable
    if before_write is not None:
        before_write({p: seen.labels[p] for p in touched})
    involved = {pid: people[pid] for pair in touched for pid in pair}
    collector = EvidenceCollector(settings, now, lambda pair, labels, size: pair in touched)
    read = reader.read_interactions(store, sorted(reader.interaction_ids_of(store, involved)),
                                    collector)
    created = _create_missing(store, scorer, ties, collector, only=creatable)
    scope = {p: ties[p] for p in touched if p in ties}
    contacts = [pid for pid, lab in involved.items() if lab == "Contact"]
    structure = reader.read_structure_of(store, contacts)
    return _score_and_write(store, scorer, scope, collector, structure, now,
                            (started, read, created, {}), say)


def person_label(store: GraphStore, person_id: str) -> str:
    """'Member' or 'Contact'; NotFound for an unknown id."""
    rows = store.read("strength/person", {"id": person_id})
    if rows and rows[0].get("member"):
        return "Member"
    if rows and rows[0].get("contact"):
        return "Contact"
    raise NotFound(f"no member or contact with id {person_id!r}")


def explain_relationship(store: GraphStore, a_id: str, b_id: str,
                         settings: StrengthSettings,
                         as_of: date | datetime) -> StrengthExplanation:
    """The score of the KNOWS relationship between two people, with its drivers."""
    if a_id == b_id:
        raise InvalidInput("a relationship needs two different people")
    now = as_of_time(as_of)
    la, lb = person_label(store, a_id), person_label(store, b_id)
    pair = canonical((a_id, la), (b_id, lb))
    tie = reader.read_ties_of(store, {a_id: la}).get(pair)
    if tie is None:
        raise NotFound(f"{a_id} and {b_id} have no KNOWS relationship",
                       hint="rescore after loading interactions to create ties from them")
    shared = reader.interaction_ids_of(store, {a_id: la}) & \
        reader.interaction_ids_of(store, {b_id: lb})
    collector = EvidenceCollector(settings, now, lambda p, labels, size: p == pair)
    reader.read_interactions(store, sorted(shared), collector)
    contacts = [pid for pid, lab in ((a_id, la), (b_id, lb)) if lab == "Contact"]
    structure = reader.read_structure_of(store, contacts)
    ev = collector.pairs.get(pair)
    scored = StrengthScorer(settings).score_pair(pair, tie, ev, structure, now)
    return explanation(a_id, b_id, now, scored, ev, tie.explicit, list(tie.origins),
                       settings.trend_window_days, flipped=pair[0] != a_id)


def strongest_relationships(store: GraphStore, person_id: str, limit: int = 10
                            ) -> list[RelationshipSummary]:
    """The person's KNOWS ties, strongest stored score first (unscored ties last)."""
    if not 1 <= limit <= 1000:
        raise InvalidInput("limit must be between 1 and 1000")
    label = person_label(store, person_id)
    query = f"strength/strongest_of_{label.lower()}s"
    rows = store.read(query, {"id": person_id, "limit": limit})
    return [RelationshipSummary(
        id=r["id"], label=r["label"], name=r.get("name"), title=r.get("title"),
        company=r.get("company"), score=r.get("strength"), band=r.get("band"),
        trend=r.get("trend"), last_interaction=r.get("last_interaction"),
        explicit_strength=r.get("explicit_strength")) for r in rows]

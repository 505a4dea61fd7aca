"""The strength model without a graph: evidence aggregation, drivers, bands, settings."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from graph.errors import ConfigError
from intel.strength import StrengthModel, load_strength_settings
from intel.strength.evidence import (
    Event,
    EvidenceCollector,
    PairEvidence,
    canonical,
    decay,
    direction,
    group_weight,
    parse_event,
)
from intel.strength.structure import EmployerFeatures, Structure, shared_employer
from intel.strength.validation import ranks, spearman

NOW = datetime(2026, 11, 22, tzinfo=UTC)
M, C = ("mem_1", "Member"), ("ct_1", "Contact")
S = load_strength_settings()


def _event(n: int, kind: str, days_ago: float, roles: tuple[str, str],
           size: int = 2, reply: bool = False) -> Event:
    people = [(M[0], M[1], roles[0]), (C[0], C[1], roles[1])]
    people += [(f"ct_x{i}", "Contact", "ATTENDEE") for i in range(size - 2)]
    return Event(f"int_{n}", kind, NOW - timedelta(days=days_ago), size, reply, people)


def _evidence(events: list[Event], settings: object = S) -> PairEvidence | None:
    collector = EvidenceCollector(settings, NOW, lambda pair, labels, size: pair == ("mem_1",
                                                                                    "ct_1"))
    for e in events:
        collector.add(e)
    return collector.pairs.get(("mem_1", "ct_1"))


def _score(events: list[Event]) -> float:
    model = StrengthModel(S)
    return model.score(_evidence(events), EmployerFeatures(), (), None, NOW).score


def test_decay_halves_every_half_life() -> None:
    assert decay(0, 90) == 1.0
    assert decay(90, 90) == pytest.approx(0.5)
    assert decay(180, 90) == pytest.approx(0.25)
    fresh = _evidence([_event(1, "MEETING", 0, ("ORGANIZER", "ATTENDEE"))])
    old = _evidence([_event(1, "MEETING", 90, ("ORGANIZER", "ATTENDEE"))])
    assert fresh is not None and old is not None
    assert old.decayed == pytest.approx(fresh.decayed / 2)
    short = load_strength_settings(half_life_days=30)
    older = _evidence([_event(1, "MEETING", 90, ("ORGANIZER", "ATTENDEE"))], short)
    assert older is not None and older.decayed == pytest.approx(fresh.decayed / 8)


def test_recent_evidence_scores_higher_than_old() -> None:
    days = [3, 10, 20, 35, 50]
    recent = [_event(i, "MEETING", d, ("ORGANIZER", "ATTENDEE")) for i, d in enumerate(days)]
    old = [_event(i, "MEETING", d + 300, ("ORGANIZER", "ATTENDEE")) for i, d in enumerate(days)]
    assert _score(recent) > _score(old) > 0


def test_group_size_discount() -> None:
    assert group_weight(2, 1.0) == 1.0
    assert group_weight(40, 1.0) == pytest.approx(0.05)
    small = [_event(i, "MEETING", 10 * i, ("ORGANIZER", "ATTENDEE")) for i in range(6)]
    large = [_event(i, "MEETING", 10 * i, ("ORGANIZER", "ATTENDEE"), size=40) for i in range(6)]
    ev_small, ev_large = _evidence(small), _evidence(large)
    assert ev_small is not None and ev_large is not None
    # In a 40-person meeting the two were present together: weighed down by the group
    # size, and presence (shared), not a two-way exchange.
    assert ev_large.mass_all == pytest.approx(ev_small.mass_all * 0.05 * S.shared_weight)
    assert (ev_small.two_way, ev_large.two_way, ev_large.shared) == (6, 0, 6)
    assert _score(large) < _score(small) / 3


def test_channel_weights_are_ordered() -> None:
    w = S.channel_weights
    assert w["MEETING"] > w["CALL"] > w["EMAIL_THREAD"] > w["EMAIL"] > w["MESSAGE"]
    meetings = [_event(i, "MEETING", 7 * i, ("ORGANIZER", "ATTENDEE")) for i in range(8)]
    emails = [_event(i, "EMAIL", 7 * i, ("FROM", "TO") if i % 2 else ("TO", "FROM"))
              for i in range(8)]
    assert _score(meetings) > _score(emails)


def test_direction_of_an_interaction() -> None:
    assert direction("EMAIL", "FROM", "TO") == "a_to_b"
    assert direction("EMAIL", "CC", "FROM") == "b_to_a"
    assert direction("EMAIL", "TO", "CC") == "shared"
    assert direction("CALL", "ORGANIZER", "ATTENDEE") == "two_way"
    assert direction("MEETING", "ATTENDEE", "ATTENDEE") == "two_way"
    assert direction("MEETING", "ORGANIZER", "ATTENDEE", size=3) == "shared"
    assert direction("CALL", "ORGANIZER", "ATTENDEE", size=4, two_way_max_group=4) == "two_way"


def test_canonical_pair_order() -> None:
    assert canonical(("ct_9", "Contact"), ("mem_5", "Member")) == ("mem_5", "ct_9")
    assert canonical(("ct_9", "Contact"), ("ct_2", "Contact")) == ("ct_2", "ct_9")


def test_parse_packed_row() -> None:
    event = parse_event("int_1|EMAIL|2026-03-07T18:58|3|R|mem_1 Member FROM;ct_1 Contact TO;")
    assert event.at == datetime(2026, 3, 7, 18, 58, tzinfo=UTC)
    assert event.reply and event.size == 3 and len(event.people) == 2


@pytest.mark.parametrize("seed", range(40))
def test_one_way_never_beats_two_way_with_the_same_interactions(seed: int) -> None:
    rng = random.Random(seed)
    n = rng.randint(1, 40)
    days = sorted(rng.uniform(0, 700) for _ in range(n))
    kinds = [rng.choice(("EMAIL", "EMAIL", "MESSAGE", "NOTE")) for _ in range(n)]
    one_way = [_event(i, k, d, ("FROM", "TO"))
               for i, (k, d) in enumerate(zip(kinds, days, strict=True))]
    two_way = [_event(i, k, d, ("FROM", "TO") if i % 2 else ("TO", "FROM"))
               for i, (k, d) in enumerate(zip(kinds, days, strict=True))]
    assert _score(one_way) <= _score(two_way)
    meetings = [_event(i, "MEETING", d, ("ORGANIZER", "ATTENDEE")) for i, d in enumerate(days)]
    assert _score(one_way) <= _score(meetings)


@pytest.mark.parametrize("seed", range(30))
def test_contributions_sum_to_the_score(seed: int) -> None:
    rng = random.Random(seed)
    events = [_event(i, rng.choice(("EMAIL", "MEETING", "CALL", "MESSAGE", "NOTE")),
                     rng.uniform(0, 800), rng.choice((("FROM", "TO"), ("TO", "FROM"),
                                                      ("ORGANIZER", "ATTENDEE"))),
                     size=rng.choice((2, 2, 3, 8, 40)), reply=rng.random() < 0.3)
              for i in range(rng.randint(0, 60))]
    employer = EmployerFeatures(same_current=True, account="acc_1",
                                org_hops=rng.choice((None, 1, 3)))
    origins = rng.choice(((), ("LINKEDIN",), ("SOCIAL", "INTERACTION"), ("COLLEAGUE",)))
    explicit = rng.choice((None, None, 55.0))
    scored = StrengthModel(S).score(_evidence(events), employer, origins, explicit, NOW)
    assert 0 <= scored.score <= 100
    assert sum(d.contribution for d in scored.drivers) == pytest.approx(scored.score, abs=1e-6)


def test_explicit_strength_is_kept_without_evidence_and_combined_with_it() -> None:
    model = StrengthModel(S)
    alone = model.score(None, EmployerFeatures(), ("LINKEDIN",), 62.0, NOW)
    assert alone.score == 62.0 and not alone.combined
    assert [d.name for d in alone.drivers] == ["explicit_strength"]
    events = [_event(i, "MEETING", 5 + 9 * i, ("ORGANIZER", "ATTENDEE")) for i in range(12)]
    evidence_only = model.score(_evidence(events), EmployerFeatures(), ("LINKEDIN",), None, NOW)
    both = model.score(_evidence(events), EmployerFeatures(), ("LINKEDIN",), 20.0, NOW)
    assert both.combined and "explicit_strength" in [d.name for d in both.drivers]
    assert 20.0 < both.score < evidence_only.score


def test_bands() -> None:
    model = StrengthModel(S)
    assert [model.band(x) for x in (70, 69.9, 40, 39.9, 0)] == [
        "strong", "occasional", "occasional", "weak", "weak"]


def test_trend_compares_the_last_two_windows() -> None:
    model = StrengthModel(S)
    up = _evidence([_event(i, "CALL", d, ("ORGANIZER", "ATTENDEE")) for i, d in
                    enumerate((5, 20, 40, 60, 120))])
    down = _evidence([_event(i, "CALL", d, ("ORGANIZER", "ATTENDEE")) for i, d in
                      enumerate((100, 120, 140, 160, 30))])
    flat = _evidence([_event(i, "CALL", d, ("ORGANIZER", "ATTENDEE")) for i, d in
                      enumerate((10, 100))])
    assert (model.trend(up), model.trend(down), model.trend(flat)) == ("up", "down", "flat")
    assert model.trend(None) == "flat"


def test_evidence_after_as_of_is_ignored() -> None:
    future = Event("int_9", "MEETING", NOW + timedelta(days=3), 2, False,
                   [("mem_1", "Member", "ORGANIZER"), ("ct_1", "Contact", "ATTENDEE")])
    assert _evidence([future]) is None


def test_shared_employer_features() -> None:
    from datetime import date

    structure = Structure()
    structure.add_jobs([
        {"person": "ct_1", "account": "acc_1", "current": True, "start": date(2015, 1, 1)},
        {"person": "ct_2", "account": "acc_1", "current": True, "start": date(2019, 1, 1)},
        {"person": "ct_3", "account": "acc_1", "current": False, "start": date(2016, 1, 1),
         "end": date(2020, 1, 1)},
        {"person": "ct_3", "account": "acc_2", "current": True, "start": date(2020, 2, 1)},
    ])
    structure.add_managers([{"person": "ct_2", "manager": "ct_4"},
                            {"person": "ct_4", "manager": "ct_1"}])
    same = shared_employer(structure, "ct_1", "ct_2", date(2026, 1, 1))
    assert same.same_current and same.org_hops == 2
    former = shared_employer(structure, "ct_1", "ct_3", date(2026, 1, 1))
    assert not former.same_current and former.former_account == "acc_1"
    assert former.overlap_years == pytest.approx(4.0, abs=0.01)
    assert former.years_since == pytest.approx(6.0, abs=0.01)
    model = StrengthModel(S)
    close = model.score(None, same, (), None, NOW)
    far = model.score(None, EmployerFeatures(same_current=True, account="acc_1", org_hops=5),
                      (), None, NOW)
    assert close.score > far.score > 0


def test_settings_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RAPPORT_STRENGTH_HALF_LIFE_DAYS", "45")
    assert load_strength_settings().half_life_days == 45
    monkeypatch.setenv("RAPPORT_STRENGTH_HALF_LIFE_DAYS", "-1")
    with pytest.raises(ConfigError, match="RAPPORT_STRENGTH_HALF_LIFE_DAYS"):
        load_strength_settings()


def test_spearman() -> None:
    assert ranks([10, 20, 20, 5]) == [2.0, 3.5, 3.5, 1.0]
    assert spearman([1, 2, 3, 4], [10, 20, 30, 40]) == pytest.approx(1.0)
    assert spearman([1, 2, 3, 4], [4, 3, 2, 1]) == pytest.approx(-1.0)
    assert spearman([1, 2, 3, 4, 5], [2, 1, 4, 3, 5]) == pytest.approx(0.8)

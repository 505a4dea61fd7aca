"""Contacts a stage has read stay cached as JSON text (a mailbox names 100,000s of them):
unpacked, a candidate is what was read, value for value."""

from __future__ import annotations

import math

from graph.imports.candidates import Candidate, _Packed


def test_a_packed_candidate_unpacks_to_what_was_read() -> None:
    props = {"id": "ct_1", "name": "Zoë \"Ñúñez\" back\\slash\nline 😀",
             "emails": ["zoe@example.com", "z@example.com"], "score": 0.1, "count": 2**62,
             "do_not_contact": False, "edited_fields": [],
             "created_at": {"$datetime": "2026-03-02T09:00:00"},
             "birthday": {"$date": "1990-01-02"}}
    cand = Candidate("ct_1", "Contact", props, ["Acme Lda"])
    packed = _Packed.of(cand)
    assert packed.text is not None and packed.kept is None
    again = packed.candidate()
    assert again == cand
    assert type(again.props["count"]) is int


def test_a_candidate_json_cannot_hold_is_kept_as_it_is() -> None:
    cand = Candidate("ct_2", "Contact", {"id": "ct_2", "weight": math.nan}, [])
    packed = _Packed.of(cand)
    assert packed.text is None
    assert packed.candidate() is cand

"""Validation of the canonical model."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from pydantic import ValidationError

from graph.model import (
    Account,
    Contact,
    Deal,
    DealStage,
    Knows,
    LossReason,
    NodeRef,
    StakeholderIn,
    WorksAt,
)
from tests.conftest import T0
from tests.factories import account, contact, deal


def test_pipeline_has_ten_stages_with_rising_probability() -> None:
    stages = list(DealStage)
    assert len(stages) == 10
    open_probs = [s.default_probability for s in DealStage.open_stages()]
    assert open_probs == sorted(open_probs) and open_probs[0] == 0.1
    assert DealStage.CLOSED_WON.default_probability == 1.0
    assert DealStage.CLOSED_LOST.default_probability == 0.0
    assert DealStage.CLOSED_LOST.is_closed and not DealStage.PROPOSAL.is_closed


def test_email_is_normalised_and_primary_listed_first() -> None:
    c = contact(1, email="  Ana.Silva@Globex.COM ", emails=["ana@home.pt"])
    assert c.email == "ana.silva@globex.com"
    assert c.emails == ["ana.silva@globex.com", "ana@home.pt"]


@pytest.mark.parametrize("bad", ["not-an-email", "a@b", "two@@x.com"])
def test_bad_email_is_rejected_naming_the_field(bad: str) -> None:
    with pytest.raises(ValidationError) as info:
        contact(1, email=bad)
    assert info.value.errors()[0]["loc"] == ("email",)


@pytest.mark.parametrize("bad_id", ["", "a b", "a/b", "x" * 200, "-lead"])
def test_bad_ids_are_rejected(bad_id: str) -> None:
    with pytest.raises(ValidationError):
        Account(id=bad_id, created_at=T0, updated_at=T0, name="X")


def test_naive_times_are_utc_and_other_zones_converted() -> None:
    lisbon_summer = timezone(timedelta(hours=1))
    a = Account(id="acc_1", created_at=datetime(2026, 1, 1, 9),
                updated_at=datetime(2026, 6, 1, 12, tzinfo=lisbon_summer), name="X")
    assert a.created_at.utcoffset() == timedelta(0)
    assert a.updated_at.hour == 11


def test_updated_before_created_is_rejected() -> None:
    with pytest.raises(ValidationError, match="updated_at"):
        Account(id="acc_1", created_at=T0, updated_at=T0 - timedelta(days=1), name="X")


def test_domain_is_bare() -> None:
    a = account(1).model_copy(update={})
    a.domain = "https://www.Globex.com/about"
    assert a.domain == "globex.com"


def test_closed_lost_needs_a_loss_reason() -> None:
    base = deal(1).model_dump(exclude={"stage", "loss_reason", "actual_close"})
    with pytest.raises(ValidationError, match="loss_reason"):
        Deal(**base, stage=DealStage.CLOSED_LOST)
    lost = Deal(**base, stage=DealStage.CLOSED_LOST, loss_reason=LossReason.PRICE)
    assert lost.loss_reason == LossReason.PRICE
    with pytest.raises(ValidationError, match="only for CLOSED_LOST"):
        Deal(**base, stage=DealStage.PROPOSAL, loss_reason=LossReason.PRICE)


def test_actual_close_only_on_closed_deals() -> None:
    base = deal(1).model_dump(exclude={"stage", "loss_reason", "actual_close"})
    with pytest.raises(ValidationError, match="actual_close"):
        Deal(**base, stage=DealStage.PROPOSAL, actual_close=date(2026, 1, 5))


def test_negative_amount_rejected() -> None:
    with pytest.raises(ValidationError) as info:
        Deal(**deal(1).model_dump(exclude={"amount"}), amount=-5)
    assert info.value.errors()[0]["loc"] == ("amount",)


def test_edges_check_their_endpoint_labels() -> None:
    with pytest.raises(ValidationError, match="WORKS_AT cannot join Account->Contact"):
        WorksAt(src=account(1).ref, dst=contact(1).ref)
    with pytest.raises(ValidationError, match="itself"):
        Knows(src=contact(1).ref, dst=contact(1).ref)
    assert Knows(src=NodeRef(label="Member", id="m1"), dst=contact(1).ref).identity == (
        "KNOWS", "m1", "ct_1")


def test_works_at_period_rules() -> None:
    with pytest.raises(ValidationError, match="before start"):
        WorksAt(src=contact(1).ref, dst=account(1).ref, current=False,
                start=date(2022, 1, 1), end=date(2021, 1, 1))
    with pytest.raises(ValidationError, match="no end date"):
        WorksAt(src=contact(1).ref, dst=account(1).ref, current=True, end=date(2021, 1, 1))


def test_scores_are_bounded() -> None:
    with pytest.raises(ValidationError):
        Knows(src=contact(1).ref, dst=contact(2).ref, strength=101)
    with pytest.raises(ValidationError):
        StakeholderIn(src=contact(1).ref, dst=deal(1).ref, role="DECISION_MAKER", influence=-1)


def test_unknown_fields_are_rejected() -> None:
    with pytest.raises(ValidationError, match="favourite_colour"):
        Contact(id="ct_1", created_at=T0, updated_at=T0, name="A", favourite_colour="red")


def test_primary_email_fills_an_empty_list() -> None:
    assert contact(1).emails == ["ana1@globex.com"]
    assert contact(1, email=None).emails == []

"""Canonical node models: Member, Contact, Account, Deal, Property, Interaction, StageChange."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from pydantic import Field, ValidationInfo, field_validator, model_validator

from graph.model.base import Email, EntityId, GraphNode, UtcDatetime
from graph.model.enums import (
    AccountStage,
    AccountTier,
    ContactStage,
    DealStage,
    InteractionKind,
    LossReason,
    PropertyStatus,
    PropertyType,
    Seniority,
)


class Member(GraphNode):
    """An internal team member (seller, leader)."""

    LABEL: ClassVar[str] = "Member"

    name: str = Field(min_length=1)
    email: Email
    title: str | None = None
    business_unit: str | None = None
    is_leader: bool = False
    introducer_opt_out: bool = False
    # Their personal network (LinkedIn, social ties) is listed to colleagues only when True;
    # it always feeds intro paths (through them, unless they opted out as introducers).
    shares_network: bool = False


class Contact(GraphNode):
    """An external person."""

    LABEL: ClassVar[str] = "Contact"

    first_name: str | None = None
    last_name: str | None = None
    name: str = Field(min_length=1)
    email: Email | None = None
    emails: list[Email] = Field(default_factory=list, validate_default=True)
    phone: str | None = None
    title: str | None = None
    department: str | None = None
    seniority: Seniority | None = None
    linkedin_url: str | None = None
    city: str | None = None
    country: str | None = None
    lifecycle_stage: ContactStage | None = None
    do_not_contact: bool = False

    @field_validator("emails")
    @classmethod
    def _primary_email_first(cls, emails: list[str], info: ValidationInfo) -> list[str]:
        # The primary email always appears first in `emails` so lookups need one field.
        primary = info.data.get("email")
        if primary and primary not in emails:
            return [primary, *emails]
        return emails


class Account(GraphNode):
    """A company (client, prospect)."""

    LABEL: ClassVar[str] = "Account"

    name: str = Field(min_length=1)
    domain: str | None = None
    industry: str | None = None
    segment: str | None = None
    employees: int | None = Field(default=None, ge=0)
    annual_revenue: float | None = Field(default=None, ge=0)
    currency: str = Field(default="EUR", pattern=r"^[A-Z]{3}$")
    city: str | None = None
    country: str | None = None
    stage: AccountStage = AccountStage.PROSPECT
    tier: AccountTier | None = None

    @field_validator("domain")
    @classmethod
    def _bare_domain(cls, value: str | None) -> str | None:
        if value is None:
            return None
        value = value.strip().lower().removeprefix("https://").removeprefix("http://")
        return value.removeprefix("www.").split("/")[0] or None


class Deal(GraphNode):
    """An opportunity walking the 10-stage pipeline."""

    LABEL: ClassVar[str] = "Deal"

    name: str = Field(min_length=1)
    amount: float | None = Field(default=None, ge=0)
    currency: str = Field(default="EUR", pattern=r"^[A-Z]{3}$")
    stage: DealStage = DealStage.IDENTIFIED
    stage_entered_at: UtcDatetime | None = None
    expected_close: date | None = None
    actual_close: date | None = None
    loss_reason: LossReason | None = None
    next_step: str | None = None

    @model_validator(mode="after")
    def _closed_consistency(self) -> Deal:
        if self.stage == DealStage.CLOSED_LOST and self.loss_reason is None:
            raise ValueError("a CLOSED_LOST deal needs a loss_reason")
        if self.loss_reason is not None and self.stage != DealStage.CLOSED_LOST:
            raise ValueError("loss_reason is only for CLOSED_LOST deals")
        if self.actual_close is not None and not self.stage.is_closed:
            raise ValueError("actual_close is only for closed deals")
        return self


class Property(GraphNode):
    """An inventory item that deals are about."""

    LABEL: ClassVar[str] = "Property"

    title: str = Field(min_length=1)
    type: PropertyType
    city: str
    district: str | None = None
    country: str | None = None
    price: float = Field(ge=0)
    currency: str = Field(default="EUR", pattern=r"^[A-Z]{3}$")
    size_m2: float | None = Field(default=None, gt=0)
    bedrooms: int | None = Field(default=None, ge=0)
    status: PropertyStatus = PropertyStatus.AVAILABLE
    status_since: date | None = None
    features: list[str] = Field(default_factory=list)
    description: str | None = None


class Interaction(GraphNode):
    """Evidence of a relationship; participants are PARTICIPATED_IN edges with a role."""

    LABEL: ClassVar[str] = "Interaction"

    kind: InteractionKind
    at: UtcDatetime
    subject: str | None = None
    summary: str | None = None
    duration_minutes: int | None = Field(default=None, ge=0)
    message_id: str | None = None
    thread_id: str | None = None
    participant_count: int = Field(default=0, ge=0)


class StageChange(GraphNode):
    """One step of a deal's stage history: from, to, at, by, days spent in the previous stage."""

    LABEL: ClassVar[str] = "StageChange"

    deal_id: EntityId
    from_stage: DealStage | None = None
    to_stage: DealStage
    at: UtcDatetime
    by: EntityId | None = None
    days_in_stage: float | None = Field(default=None, ge=0)


NODE_MODELS: tuple[type[GraphNode], ...] = (
    Member,
    Account,
    Contact,
    Property,
    Deal,
    StageChange,
    Interaction,
)
NODE_BY_LABEL: dict[str, type[GraphNode]] = {m.LABEL: m for m in NODE_MODELS}

"""Request and response models of the entity routes: XCreate (POST), XUpdate (PATCH: only
the fields sent change, null clears), XPublic (the canonical node plus its archive state).

The canonical models in graph.model still validate every write (cross-field rules such as
a CLOSED_LOST deal needing a loss reason); these only shape the HTTP contract.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from graph.model import (
    Account,
    AccountStage,
    AccountTier,
    Contact,
    ContactStage,
    Deal,
    DealStage,
    LossReason,
    Member,
    Property,
    PropertyStatus,
    PropertyType,
    Seniority,
)
from graph.model.base import Email, EntityId, UtcDatetime

Text = str | None
_NAME = Field(min_length=1, max_length=300)
_NEW_NAME = Field(default=None, min_length=1, max_length=300)


def _examples(*examples: dict[str, Any]) -> ConfigDict:
    return ConfigDict(extra="forbid", str_strip_whitespace=True,
                      json_schema_extra={"examples": list(examples)})


class Lifecycle(BaseModel):
    """What the API adds to a node: archive state and the revision ETags are built on."""

    archived: bool = False
    archived_at: UtcDatetime | None = None
    rev: int = Field(default=0, ge=0, description="bumped by every write through the API")


# -- contacts --------------------------------------------------------------------------
class ContactCreate(BaseModel):
    model_config = _examples({"name": "Ana Silva", "email": "ana@globex.com",
                              "title": "CFO", "city": "Lisbon", "seniority": "C_LEVEL"})
    id: EntityId | None = Field(default=None, description="made up when omitted")
    name: str = _NAME
    first_name: Text = None
    last_name: Text = None
    email: Email | None = None
    emails: list[Email] = Field(default_factory=list, max_length=20)
    phone: Text = None
    title: Text = None
    department: Text = None
    seniority: Seniority | None = None
    linkedin_url: Text = None
    city: Text = None
    country: Text = None
    lifecycle_stage: ContactStage | None = None
    do_not_contact: bool = False


class ContactUpdate(BaseModel):
    model_config = _examples({"title": "CEO", "lifecycle_stage": "CUSTOMER"})
    name: str | None = _NEW_NAME
    first_name: Text = None
    last_name: Text = None
    email: Email | None = None
    emails: list[Email] | None = Field(default=None, max_length=20)
    phone: Text = None
    title: Text = None
    department: Text = None
    seniority: Seniority | None = None
    linkedin_url: Text = None
    city: Text = None
    country: Text = None
    lifecycle_stage: ContactStage | None = None
    do_not_contact: bool | None = None


class ContactPublic(Contact, Lifecycle):
    pass


# -- accounts --------------------------------------------------------------------------
class AccountCreate(BaseModel):
    model_config = _examples({"name": "Globex", "domain": "globex.com", "industry": "Fintech",
                              "city": "Lisbon", "stage": "PROSPECT", "tier": "GOLD"})
    id: EntityId | None = Field(default=None, description="made up when omitted")
    name: str = _NAME
    domain: Text = None
    industry: Text = None
    segment: Text = None
    employees: int | None = Field(default=None, ge=0, le=10_000_000)
    annual_revenue: float | None = Field(default=None, ge=0, le=1e15)
    currency: str = Field(default="EUR", pattern=r"^[A-Z]{3}$")
    city: Text = None
    country: Text = None
    stage: AccountStage = AccountStage.PROSPECT
    tier: AccountTier | None = None


class AccountUpdate(BaseModel):
    model_config = _examples({"stage": "ACTIVE_CLIENT", "tier": "PLATINUM"})
    name: str | None = _NEW_NAME
    domain: Text = None
    industry: Text = None
    segment: Text = None
    employees: int | None = Field(default=None, ge=0, le=10_000_000)
    annual_revenue: float | None = Field(default=None, ge=0, le=1e15)
    currency: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")
    city: Text = None
    country: Text = None
    stage: AccountStage | None = None
    tier: AccountTier | None = None


class AccountPublic(Account, Lifecycle):
    pass


# -- deals -----------------------------------------------------------------------------
class DealCreate(BaseModel):
    model_config = _examples({"name": "Globex HQ lease", "amount": 250000, "currency": "EUR",
                              "stage": "01-IDENTIFIED", "expected_close": "2026-06-30"})
    id: EntityId | None = Field(default=None, description="made up when omitted")
    name: str = _NAME
    amount: float | None = Field(default=None, ge=0, le=1e15)
    currency: str = Field(default="EUR", pattern=r"^[A-Z]{3}$")
    stage: DealStage = DealStage.IDENTIFIED
    expected_close: date | None = None
    actual_close: date | None = None
    loss_reason: LossReason | None = None
    next_step: Text = None


class DealUpdate(BaseModel):
    model_config = _examples({"amount": 300000, "next_step": "Send the proposal"})
    name: str | None = _NEW_NAME
    amount: float | None = Field(default=None, ge=0, le=1e15)
    currency: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")
    stage: DealStage | None = None
    expected_close: date | None = None
    actual_close: date | None = None
    loss_reason: LossReason | None = None
    next_step: Text = None


class DealPublic(Deal, Lifecycle):
    pass


# -- properties ------------------------------------------------------------------------
class PropertyCreate(BaseModel):
    model_config = _examples({"title": "T3 in Parque das Nacoes", "type": "APARTMENT",
                              "city": "Lisbon", "price": 650000, "bedrooms": 3})
    id: EntityId | None = Field(default=None, description="made up when omitted")
    title: str = _NAME
    type: PropertyType
    city: str = Field(min_length=1, max_length=200)
    district: Text = None
    country: Text = None
    price: float = Field(ge=0, le=1e15)
    currency: str = Field(default="EUR", pattern=r"^[A-Z]{3}$")
    size_m2: float | None = Field(default=None, gt=0, le=1e7)
    bedrooms: int | None = Field(default=None, ge=0, le=1000)
    status: PropertyStatus = PropertyStatus.AVAILABLE
    features: list[str] = Field(default_factory=list, max_length=100)
    description: Text = None


class PropertyUpdate(BaseModel):
    model_config = _examples({"status": "RESERVED", "price": 640000})
    title: str | None = _NEW_NAME
    type: PropertyType | None = None
    city: str | None = Field(default=None, min_length=1, max_length=200)
    district: Text = None
    country: Text = None
    price: float | None = Field(default=None, ge=0, le=1e15)
    currency: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")
    size_m2: float | None = Field(default=None, gt=0, le=1e7)
    bedrooms: int | None = Field(default=None, ge=0, le=1000)
    status: PropertyStatus | None = None
    features: list[str] | None = Field(default=None, max_length=100)
    description: Text = None


class PropertyPublic(Property, Lifecycle):
    pass


# -- members ---------------------------------------------------------------------------
class MemberCreate(BaseModel):
    model_config = _examples({"name": "Maya Costa", "email": "maya@rapport.dev",
                              "title": "Account Executive", "business_unit": "Lisbon"})
    id: EntityId | None = Field(default=None, description="made up when omitted")
    name: str = _NAME
    email: Email
    title: Text = None
    business_unit: Text = None
    is_leader: bool = False
    introducer_opt_out: bool = Field(default=False,
                                     description="never offered as a bridge in intro paths")
    shares_network: bool = Field(default=False,
                                 description="colleagues may list their personal network")


class MemberUpdate(BaseModel):
    model_config = _examples({"introducer_opt_out": True}, {"shares_network": True})
    name: str | None = _NEW_NAME
    email: Email | None = None
    title: Text = None
    business_unit: Text = None
    is_leader: bool | None = None
    introducer_opt_out: bool | None = None
    shares_network: bool | None = None


class MemberPublic(Member, Lifecycle):
    pass

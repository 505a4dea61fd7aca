"""List filters (query parameters) of each entity route; every filter is optional."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from graph.model import (
    AccountStage,
    AccountTier,
    ContactStage,
    DealStage,
    PropertyStatus,
    PropertyType,
    Seniority,
)

Short = str | None


class Paging(BaseModel):
    """Cursor pagination: pass `next_cursor` of a page as `cursor` to get the next."""

    model_config = ConfigDict(extra="forbid")

    cursor: str | None = Field(default=None, max_length=400, description="from next_cursor")
    limit: int = Field(default=50, ge=1, le=200, description="page size (at most 200)")
    include_archived: bool = False
    q: str | None = Field(default=None, min_length=1, max_length=100,
                          description="part of the name (case-insensitive)")


class ContactFilters(Paging):
    city: Short = Field(default=None, max_length=100)
    country: Short = Field(default=None, max_length=100)
    lifecycle_stage: ContactStage | None = None
    seniority: Seniority | None = None
    account: Short = Field(default=None, max_length=128, description="works at this account id")


class AccountFilters(Paging):
    industry: Short = Field(default=None, max_length=100)
    stage: AccountStage | None = None
    tier: AccountTier | None = None
    city: Short = Field(default=None, max_length=100)
    country: Short = Field(default=None, max_length=100)


class DealFilters(Paging):
    stage: DealStage | None = None
    account: Short = Field(default=None, max_length=128, description="account id")
    owner: Short = Field(default=None, max_length=128, description="owning member id")
    min_amount: float | None = Field(default=None, ge=0, le=1e15)


class PropertyFilters(Paging):
    type: PropertyType | None = None
    status: PropertyStatus | None = None
    city: Short = Field(default=None, max_length=100)
    max_price: float | None = Field(default=None, ge=0, le=1e15)
    min_bedrooms: int | None = Field(default=None, ge=0, le=1000)


class MemberFilters(Paging):
    business_unit: Short = Field(default=None, max_length=100)

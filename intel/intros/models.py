"""Typed requests and answers of the warm-intro service."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field, model_validator


class IntroRequest(BaseModel):
    """Find warm paths to a person (`to`) or an account's people (`to_account`)."""

    model_config = {"json_schema_extra": {"examples": [
        {"to": "Ana Silva", "from_member": "maya@rapport.dev", "k": 3, "max_hops": 3}]}}

    to: str | None = Field(default=None, min_length=1, max_length=200,
                           description="contact id, email or full name")
    to_account: str | None = Field(default=None, min_length=1, max_length=200,
                                   description="account id, domain or name")
    from_member: str | None = Field(default=None, min_length=1, max_length=200,
                                    description="member id, email or name; none = whole team")
    k: int | None = Field(default=None, ge=1, le=100)
    max_hops: int | None = Field(default=None, ge=1, le=6)
    diversity: Literal["introducer", "none"] = "introducer"
    include_former: bool = Field(default=False,
                                 description="also target people who left the account")

    @model_validator(mode="after")
    def _one_target(self) -> IntroRequest:
        if (self.to is None) == (self.to_account is None):
            raise ValueError("give exactly one of 'to' (a person) or 'to_account'")
        return self


class Person(BaseModel):
    id: str
    label: Literal["Member", "Contact"]
    name: str
    title: str | None = None
    company: str | None = None
    do_not_contact: bool = False


class Hop(BaseModel):
    source: str
    target: str
    strength: float = Field(description="0-100")
    interactions: int = 0
    last_seen: datetime | None = None
    shared_employers: list[str] = Field(default_factory=list)
    explanation: str


class IntroPath(BaseModel):
    rank: int
    score: float = Field(description="product of link strengths (0-1) with the rule factors")
    hops: int
    people: list[Person]
    steps: list[Hop]
    member: Person
    introducer: Person | None = Field(description="the person the member asks; none if direct")
    target: Person
    target_role: str | None = None


class Teammate(BaseModel):
    """Another team member who knows a target directly: ask them rather than an outsider."""

    member: Person
    target: Person
    strength: float = Field(description="0-100")


class NoPath(BaseModel):
    message: str
    nearest_hops: int | None = Field(description="hops to the nearest connection, if found")


class IntroResult(BaseModel):
    target: str
    from_member: Person | None
    max_hops: int
    k: int
    diversity: str
    paths: list[IntroPath]
    suggested_owner: Person | None = Field(
        default=None, description="the member with the strongest first hop")
    draft: str | None = Field(default=None, description="intro request for the top path")
    no_path: NoPath | None = None
    teammates: list[Teammate] = Field(
        default_factory=list, description="other members who know a target directly "
        "(from one member; paths never run through teammates)")
    warnings: list[str] = Field(default_factory=list)
    pulled_relationships: int = 0

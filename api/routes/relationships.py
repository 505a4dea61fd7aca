"""Relationship strength: a person's strongest ties and why one tie scores what it does."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from api.deps import StoreDep
from intel.strength import (
    RelationshipSummary,
    StrengthExplanation,
    StrengthSettings,
    explain_relationship,
    get_strength_settings,
    strongest_relationships,
)

router = APIRouter(prefix="/v1", tags=["relationships"])
StrengthSettingsDep = Annotated[StrengthSettings, Depends(get_strength_settings)]


@router.get("/contacts/{contact_id}/relationships", operation_id="get_relationships",
            summary="A person's strongest relationships",
            responses={404: {"description": "Unknown contact or member"}})
def get_relationships(contact_id: str, store: StoreDep,
                      limit: Annotated[int, Query(ge=1, le=100)] = 10,
                      ) -> list[RelationshipSummary]:
    """Works for contacts and team members (by id); strongest first, with band and trend."""
    return strongest_relationships(store, contact_id, limit=limit)


@router.get("/relationships/{a_id}/{b_id}", operation_id="explain_relationship",
            summary="Why a relationship scores what it does",
            responses={404: {"description": "Unknown person or no relationship"}})
def get_explanation(a_id: str, b_id: str, store: StoreDep,
                    settings: StrengthSettingsDep) -> StrengthExplanation:
    """The score with its drivers (they add up to it), counts by channel and the trend."""
    return explain_relationship(store, a_id, b_id, settings, datetime.now(UTC))

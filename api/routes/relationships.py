"""Relationship strength: a person's strongest ties and why one tie scores what it does."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from api.auth.deps import PrincipalDep
from api.auth.roles import Principal
from api.deps import StoreDep, on_event_loop
from api.entities.privacy import hidden_contacts
from graph.errors import NotFound
from graph.store import GraphStore
from intel.strength import (
    RelationshipSummary,
    StrengthExplanation,
    StrengthSettings,
    explain_relationship,
    get_strength_settings,
    strongest_relationships,
)


def _visible(store: GraphStore, principal: Principal, *ids: str) -> None:
    hidden = hidden_contacts(store, ids, principal)
    if hidden:
        raise NotFound(f"no contact with id {sorted(hidden)[0]!r}")


router = APIRouter(prefix="/v1", tags=["relationships"])
StrengthSettingsDep = Annotated[StrengthSettings, Depends(on_event_loop(get_strength_settings))]


@router.get("/contacts/{contact_id}/relationships", operation_id="get_relationships",
            summary="A person's strongest relationships",
            responses={404: {"description": "Unknown contact or member"}})
def get_relationships(contact_id: str, store: StoreDep, principal: PrincipalDep,
                      limit: Annotated[int, Query(ge=1, le=100)] = 10,
                      ) -> list[RelationshipSummary]:
    """Works for contacts and team members (by id); strongest first, with band and trend.
    People in a colleague's personal network who are not shared are left out."""
    _visible(store, principal, contact_id)
    found = strongest_relationships(store, contact_id, limit=limit)
    hidden = hidden_contacts(store, [r.id for r in found], principal)
    return [r for r in found if r.id not in hidden]


@router.get("/relationships/{a_id}/{b_id}", operation_id="explain_relationship",
            summary="Why a relationship scores what it does",
            responses={404: {"description": "Unknown person or no relationship"}})
def get_explanation(a_id: str, b_id: str, store: StoreDep, settings: StrengthSettingsDep,
                    principal: PrincipalDep) -> StrengthExplanation:
    """The score with its drivers (they add up to it), counts by channel and the trend."""
    _visible(store, principal, a_id, b_id)
    return explain_relationship(store, a_id, b_id, settings, datetime.now(UTC))

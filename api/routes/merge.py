"""Merge two contacts or two accounts that are the same record."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field

from api.auth.deps import PrincipalDep
from api.deps import EvidenceDep, StoreDep
from graph.imports.merge import MergeResult, merge_nodes

router = APIRouter(prefix="/v1", tags=["merge"])
_ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"description": "Unknown id"}, 422: {"description": "Merging a record with itself"}}


class MergeRequest(BaseModel):
    other: str = Field(min_length=1, max_length=128,
                       description="id of the record merged into this one (it is removed)")


@router.post("/contacts/{contact_id}/merge", operation_id="merge_contacts",
             summary="Merge another contact into this one", responses=_ERRORS)
def merge_contacts(contact_id: str, request: MergeRequest, store: StoreDep,
                   evidence: EvidenceDep, principal: PrincipalDep) -> MergeResult:
    """Both histories are kept; the other contact's relationships move here; audited."""
    return merge_nodes(store, evidence, "Contact", contact_id, request.other,
                       actor=principal.key_id)


@router.post("/accounts/{account_id}/merge", operation_id="merge_accounts",
             summary="Merge another account into this one", responses=_ERRORS)
def merge_accounts(account_id: str, request: MergeRequest, store: StoreDep,
                   evidence: EvidenceDep, principal: PrincipalDep) -> MergeResult:
    """Both histories are kept; the other account's relationships move here; audited."""
    return merge_nodes(store, evidence, "Account", account_id, request.other,
                       actor=principal.key_id)

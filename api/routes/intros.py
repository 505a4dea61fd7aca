"""Warm introductions and account coverage."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends

from api.deps import StoreDep, on_event_loop
from intel.intros import IntroFinder, IntroRequest, IntroResult, IntroSettings, get_intro_settings
from intel.intros.coverage import Coverage, account_coverage

router = APIRouter(prefix="/v1", tags=["intros"])
IntroSettingsDep = Annotated[IntroSettings, Depends(on_event_loop(get_intro_settings))]
_MISSES: dict[int | str, dict[str, Any]] = {404: {"description": "Unknown target or member"},
           409: {"description": "Several records match the name"},
           422: {"description": "Invalid request or search too broad"}}


@router.post("/intros", operation_id="find_warm_intros", summary="Warm introduction paths",
             responses=_MISSES)
def find_intros(request: IntroRequest, store: StoreDep,
                settings: IntroSettingsDep) -> IntroResult:
    """The k best paths from a member (or the whole team) to a person or an account's
    people, ranked by the product of link strengths, each hop explained."""
    return IntroFinder(store, settings).find(request)


@router.get("/accounts/{account_id}/coverage", operation_id="get_account_coverage",
            summary="Who at an account the team knows", responses={404: _MISSES[404]})
def get_coverage(account_id: str, store: StoreDep) -> Coverage:
    return account_coverage(store, account_id)

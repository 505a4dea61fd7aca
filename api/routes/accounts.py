"""Account views that span records: the summaries of every account (the Accounts table),
an account's org chart and its interaction timeline.

Included before the entity routers (api/app.py) so `/v1/accounts/summary` is matched
before `/v1/accounts/{entity_id}`.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel, ConfigDict, Field

from api.auth.deps import PrincipalDep
from api.deps import StoreDep
from api.entities.interactions import InteractionPage, account_interactions
from api.entities.orgchart import OrgChart, account_org_chart
from api.entities.service import decode_cursor, encode_cursor
from api.routes.scores import OracleSettingsDep, PipelineDep, ScoreSettingsDep
from graph.model import AccountStage, AccountTier
from intel.oracle import Oracle
from intel.oracle.summaries import AccountSummary

router = APIRouter(prefix="/v1/accounts", tags=["accounts"])
AccountId = Annotated[str, Path(min_length=1, max_length=128)]
_UNKNOWN: dict[int | str, dict[str, Any]] = {404: {"description": "No such account"}}
Short = Annotated[str | None, Field(min_length=1, max_length=100)]


class SummaryFilters(BaseModel):
    """Every filter is optional; pages follow the account ids (keyset cursor)."""

    model_config = ConfigDict(extra="forbid")

    cursor: str | None = Field(default=None, max_length=400, description="from next_cursor")
    limit: int = Field(default=200, ge=1, le=1000, description=(
        "page size (at most 1000): every page scores all accounts from one snapshot, so "
        "one large page is cheaper than many small ones"))
    q: Short = Field(default=None, description="part of the name (case-insensitive)")
    industry: Short = None
    stage: AccountStage | None = None
    tier: AccountTier | None = None
    country: Short = None
    owner: Short = Field(default=None, description="owned by this member id")
    business_unit: Short = Field(default=None, description="an owner is in this unit")
    owned: bool | None = Field(default=None, description="false: accounts without an owner")


class SummaryPage(BaseModel):
    as_of: datetime
    items: list[AccountSummary]
    next_cursor: str | None = Field(default=None,
                                    description="pass as `cursor` for the next page")


def _matches(s: AccountSummary, f: SummaryFilters) -> bool:
    units = {o.business_unit for o in s.owners}
    return ((f.q is None or f.q.lower() in s.name.lower())
            and (f.industry is None or s.industry == f.industry)
            and (f.stage is None or s.stage == f.stage.value)
            and (f.tier is None or s.tier == f.tier.value)
            and (f.country is None or s.country == f.country)
            and (f.owner is None or f.owner in {o.member_id for o in s.owners})
            and (f.business_unit is None or f.business_unit in units)
            and (f.owned is None or bool(s.owners) == f.owned))


@router.get("/summary", operation_id="list_account_summaries",
            summary="Every account with its health, owners and open pipeline",
            responses={422: {"description": "Invalid filter or cursor"}})
def list_account_summaries(filters: Annotated[SummaryFilters, Query()], store: StoreDep,
                           settings: OracleSettingsDep, scores: ScoreSettingsDep,
                           pipeline: PipelineDep) -> SummaryPage:
    """Health with its trend and a short history (for a sparkline), churn risk and risk
    flags, stage, tier, industry, owners with their business unit, open deals and their
    amount; all accounts are scored from one snapshot of the graph."""
    after = decode_cursor(filters.cursor)
    oracle = Oracle(store, settings, scores, pipeline)
    now = datetime.now(UTC)
    found = [s for s in oracle.account_summaries(now)
             if s.account_id > after and _matches(s, filters)]
    page = found[:filters.limit]
    more = len(found) > filters.limit
    return SummaryPage(as_of=now, items=page,
                       next_cursor=encode_cursor(page[-1].account_id) if more else None)


@router.get("/{account_id}/interactions", operation_id="list_account_interactions",
            summary="An account's interactions, newest first",
            responses={**_UNKNOWN, 422: {"description": "Invalid cursor or limit"}})
def list_account_interactions(account_id: AccountId, store: StoreDep,
                              principal: PrincipalDep,
                              cursor: Annotated[str | None, Query(max_length=400)] = None,
                              limit: Annotated[int, Query(ge=1, le=200)] = 50,
                              ) -> InteractionPage:
    """Emails, meetings, calls, messages and notes with the account's people (current or
    former), each with its date, kind, subject and the people involved with their role.
    People in a colleague's personal network are left out (docs/api.md: privacy)."""
    return account_interactions(store, principal, account_id, cursor, limit)


@router.get("/{account_id}/org-chart", operation_id="get_account_org_chart",
            summary="An account's people as an org chart, with the team's ties",
            responses=_UNKNOWN)
def get_account_org_chart(account_id: AccountId, store: StoreDep,
                          principal: PrincipalDep) -> OrgChart:
    """Current people with their manager (reports-to edges), seniority, stakeholder roles,
    key flag and every team member's tie strength; key people nobody knows are gaps."""
    return account_org_chart(store, principal, account_id)

"""A small typed HTTP client of the Rapport API for the dashboards.

Everything a page shows comes through the API (so roles, privacy and audit apply as for
agents); answers are parsed into the API's own response models. Any failure (API down,
refused key, bad request) becomes a `DashboardError` with a sentence a person can act on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

import httpx
from pydantic import BaseModel, ValidationError

from graph.errors import RapportError

if TYPE_CHECKING:
    from api.entities.interactions import InteractionPage
    from api.entities.models import AccountPublic, DealPublic, MemberPublic, PropertyPublic
    from api.entities.orgchart import OrgChart
    from embeddings.matching import PropertyMatches
    from graph.imports.models import Preview, UndoResult
    from intel.ask.models import AskAnswer
    from intel.intros.coverage import Coverage
    from intel.intros.models import IntroResult
    from intel.oracle.models import Alerts, Forecast, PipelineView, WinLoss
    from intel.oracle.summaries import AccountSummary
    from intel.scores.models import AccountHealth, DealScore

M = TypeVar("M", bound=BaseModel)
ENTITY_PAGE = 200  # the API's largest page
SUMMARY_PAGE = 1000  # the summaries' largest page: each page scores every account


class DashboardError(RapportError):
    """The API could not answer a page: the message says why, in words."""

    status = 502
    type = "dashboard"


class ApiNotFound(DashboardError):
    """The API answered 404: the record is unknown, or (matching) has no vector yet."""


def _problem(response: httpx.Response) -> str:
    try:
        body = response.json()
        return str(body.get("detail") or body.get("title") or response.reason_phrase)
    except ValueError:
        return response.reason_phrase


class RapportClient:
    """Typed calls of the routes the dashboards read; one instance per page run."""

    def __init__(self, base_url: str, api_key: str, timeout_s: float = 30.0) -> None:
        self._base = base_url.rstrip("/")
        self._headers = {"Authorization": f"Bearer {api_key}"}
        self._timeout = timeout_s

    def request(self, method: str, path: str, **kw: Any) -> Any:
        """JSON of one call; every failure is a DashboardError."""
        try:
            response = httpx.request(method, self._base + path, headers=self._headers,
                                     timeout=self._timeout, **kw)
        except httpx.HTTPError as e:
            raise DashboardError(f"The Rapport API at {self._base} is not reachable "
                                 f"({type(e).__name__}). Is `rapport serve` running?") from e
        if response.status_code in (401, 403):
            raise DashboardError(f"The API refused this dashboard's key "
                                 f"({response.status_code}): {_problem(response)}")
        if response.status_code == 404:
            raise ApiNotFound(f"The API found nothing: {_problem(response)}")
        if response.status_code >= 400:
            raise DashboardError(f"The API answered {response.status_code}: "
                                 f"{_problem(response)}")
        return response.json()

    def _get(self, model: type[M], path: str, **params: Any) -> M:
        return self._parse(model, self.request("GET", path, params=_clean(params)))

    @staticmethod
    def _parse(model: type[M], data: Any) -> M:
        try:
            return model.model_validate(data)
        except ValidationError as e:
            raise DashboardError(f"The API's answer did not fit {model.__name__}: "
                                 f"{e.errors()[0]['msg']}") from e

    def entities(self, kind: str, model: type[M], **filters: Any) -> list[M]:
        """Every record of `kind` matching the filters, following the cursor pages."""
        items: list[M] = []
        cursor: str | None = None
        while True:
            page = self.request("GET", f"/v1/{kind}", params=_clean(
                {**filters, "limit": ENTITY_PAGE, "cursor": cursor}))
            items.extend(self._parse(model, item) for item in page["items"])
            cursor = page.get("next_cursor")
            if not cursor:
                return items

    def accounts(self, **filters: Any) -> list[AccountPublic]:
        from api.entities.models import AccountPublic
        return self.entities("accounts", AccountPublic, **filters)

    def deals(self, **filters: Any) -> list[DealPublic]:
        from api.entities.models import DealPublic
        return self.entities("deals", DealPublic, **filters)

    def members(self, **filters: Any) -> list[MemberPublic]:
        from api.entities.models import MemberPublic
        return self.entities("members", MemberPublic, **filters)

    def properties(self, **filters: Any) -> list[PropertyPublic]:
        from api.entities.models import PropertyPublic
        return self.entities("properties", PropertyPublic, **filters)

    def account_summaries(self, **filters: Any) -> list[AccountSummary]:
        """Every account's summary (health history, owners, open pipeline), all pages."""
        from intel.oracle.summaries import AccountSummary
        items: list[AccountSummary] = []
        cursor: str | None = None
        while True:
            page = self.request("GET", "/v1/accounts/summary", params=_clean(
                {**filters, "limit": SUMMARY_PAGE, "cursor": cursor}))
            items.extend(self._parse(AccountSummary, item) for item in page["items"])
            cursor = page.get("next_cursor")
            if not cursor:
                return items

    def interactions(self, account_id: str, limit: int = ENTITY_PAGE) -> InteractionPage:
        """The newest `limit` interactions of an account (one page)."""
        from api.entities.interactions import InteractionPage
        return self._get(InteractionPage, f"/v1/accounts/{account_id}/interactions",
                         limit=limit)

    def org_chart(self, account_id: str) -> OrgChart:
        from api.entities.orgchart import OrgChart
        return self._get(OrgChart, f"/v1/accounts/{account_id}/org-chart")

    def matching_properties(self, account_id: str, k: int = 10) -> PropertyMatches | None:
        """The available properties that fit the account; None when the graph has no
        vectors for it yet (a 404 of the route: `rapport index` has not run)."""
        from embeddings.matching import PropertyMatches
        try:
            data = self.request("GET", f"/v1/accounts/{account_id}/matching-properties",
                                params={"k": k})
        except ApiNotFound:
            return None
        return self._parse(PropertyMatches, data)

    def health(self, account_id: str) -> AccountHealth:
        from intel.scores.models import AccountHealth
        return self._get(AccountHealth, f"/v1/accounts/{account_id}/health")

    def deal_score(self, deal_id: str) -> DealScore:
        from intel.scores.models import DealScore
        return self._get(DealScore, f"/v1/deals/{deal_id}/score")

    def coverage(self, account_id: str) -> Coverage:
        from intel.intros.coverage import Coverage
        return self._get(Coverage, f"/v1/accounts/{account_id}/coverage")

    def pipeline(self) -> PipelineView:
        from intel.oracle.models import PipelineView
        return self._get(PipelineView, "/v1/pipeline")

    def forecast(self) -> Forecast:
        from intel.oracle.models import Forecast
        return self._get(Forecast, "/v1/forecast")

    def win_loss(self) -> WinLoss:
        from intel.oracle.models import WinLoss
        return self._get(WinLoss, "/v1/winloss")

    def alerts(self) -> Alerts:
        from intel.oracle.models import Alerts
        return self._get(Alerts, "/v1/alerts")

    def intros(self, **request: Any) -> IntroResult:
        from intel.intros.models import IntroResult
        return self._parse(IntroResult, self.request("POST", "/v1/intros",
                                                     json=_clean(request)))

    def ask(self, question: str) -> AskAnswer:
        from intel.ask.models import AskAnswer
        return self._parse(AskAnswer, self.request("POST", "/v1/ask",
                                                   json={"question": question}))

    def stage_import(self, file_name: str, data: bytes, profile: str = "auto") -> Preview:
        from graph.imports.models import Preview
        return self._parse(Preview, self.request(
            "POST", "/v1/imports", files={"file": (file_name, data)},
            data={"profile": profile}))

    def import_preview(self, batch_id: int) -> Preview:
        from graph.imports.models import Preview
        return self._get(Preview, f"/v1/imports/{batch_id}")

    def approve_import(self, batch_id: int) -> Any:
        return self.request("POST", f"/v1/imports/{batch_id}/approve")

    def undo_import(self, batch_id: int) -> UndoResult:
        from graph.imports.models import UndoResult
        return self._parse(UndoResult, self.request("POST", f"/v1/imports/{batch_id}/undo"))

    def decide_duplicate(self, batch_id: int, number: int, decision: str) -> Any:
        return self.request("POST", f"/v1/imports/{batch_id}/duplicates/{number}",
                            json={"decision": decision})


def _clean(params: dict[str, Any]) -> dict[str, Any]:
    """Leave out unset parameters: the API reads a missing filter as 'any'."""
    return {k: v for k, v in params.items() if v not in (None, "", [])}

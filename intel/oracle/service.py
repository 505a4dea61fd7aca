"""Oracle: the pipeline, forecast, win/loss, alerts and an account's outlook (health with
next actions), each from one fresh snapshot of the graph."""

from __future__ import annotations

from datetime import date, datetime

from graph.errors import NotFound
from graph.pipeline import PipelineSettings
from graph.store import GraphStore
from intel.oracle.actions import next_actions
from intel.oracle.alerts import alerts
from intel.oracle.forecast import forecast
from intel.oracle.models import Alerts, Forecast, PipelineView, WinLoss
from intel.oracle.pipeline import pipeline_view
from intel.oracle.settings import OracleSettings
from intel.oracle.summaries import AccountSummary, SummaryExtras, account_summaries
from intel.oracle.winloss import win_loss
from intel.scores import AccountHealth, ScoreSettings, ScoringContext
from intel.scores.account import score_account


class Oracle:
    """The store and every settings object are injected; `as_of` defaults to now."""

    def __init__(self, store: GraphStore, settings: OracleSettings, scores: ScoreSettings,
                 pipeline: PipelineSettings) -> None:
        self.store = store
        self.settings = settings
        self.scores = scores
        self.pipeline = pipeline

    def context(self, as_of: datetime | None = None) -> ScoringContext:
        return self._context(as_of)

    def pipeline_view(self, as_of: datetime | None = None) -> PipelineView:
        return pipeline_view(self._context(as_of), self.settings)

    def forecast(self, as_of: datetime | None = None) -> Forecast:
        return forecast(self._context(as_of), self.settings)

    def win_loss(self, since: date | None = None, as_of: datetime | None = None) -> WinLoss:
        return win_loss(self._context(as_of), self.settings, since)

    def alerts(self, as_of: datetime | None = None) -> Alerts:
        return alerts(self._context(as_of), self.settings)

    def account_outlook(self, account_id: str, as_of: datetime | None = None) -> AccountHealth:
        """The account's health, churn risk and flags, with its recommended next actions."""
        ctx = self._context(as_of)
        acc = ctx.snap.accounts.get(account_id)
        if acc is None:
            raise NotFound(f"no account with id {account_id!r}")
        health = score_account(ctx, acc)
        return health.model_copy(update={"next_actions": next_actions(ctx, acc)})

    def account_summaries(self, as_of: datetime | None = None) -> list[AccountSummary]:
        """Every (unarchived) account's health, history, owners and open pipeline, from
        one snapshot."""
        ctx = self._context(as_of)
        extras = SummaryExtras.from_rows(self.store.read("accounts/summary_records"),
                                         self.store.read("accounts/member_units"))
        return account_summaries(ctx, extras, self.settings)

    def _context(self, as_of: datetime | None) -> ScoringContext:
        return ScoringContext.build(self.store, as_of, self.scores, self.pipeline)

"""Scorer: deal win probability, account health and ICP fit for one entity or all of them.

Each call reads a fresh snapshot of the graph and fits the win model on it (well under a
second on the demo), so a score always reflects the evidence as it is now.
"""

from __future__ import annotations

import time
from datetime import datetime

from graph.errors import InvalidInput, NotFound
from graph.pipeline import PipelineSettings
from graph.rows import iso
from graph.store import GraphStore
from intel.scores.account import score_account
from intel.scores.context import ScoringContext
from intel.scores.deal import score_deal
from intel.scores.models import AccountHealth, DealScore, ScoreBoard
from intel.scores.settings import ScoreSettings


class Scorer:
    """The store and settings are injected; `as_of` defaults to now."""

    def __init__(self, store: GraphStore, settings: ScoreSettings,
                 pipeline: PipelineSettings) -> None:
        self.store = store
        self.settings = settings
        self.pipeline = pipeline

    def context(self, as_of: datetime | None = None) -> ScoringContext:
        return ScoringContext.build(self.store, as_of, self.settings, self.pipeline)

    def deal(self, deal_id: str, as_of: datetime | None = None) -> DealScore:
        """An open deal's win probability with its drivers and trend."""
        return self._deal(self.context(as_of), deal_id)

    def account(self, account_id: str, as_of: datetime | None = None) -> AccountHealth:
        """An account's health, churn risk, flags and (prospects) ICP fit."""
        return self._account(self.context(as_of), account_id)

    def board(self, as_of: datetime | None = None) -> ScoreBoard:
        """Every account and every open deal, from one snapshot."""
        started = time.perf_counter()
        ctx = self.context(as_of)
        deals = [s for d in sorted(ctx.snap.deals) if (s := score_deal(ctx, ctx.snap.deals[d]))]
        accounts = [score_account(ctx, ctx.snap.accounts[a]) for a in sorted(ctx.snap.accounts)]
        return ScoreBoard(as_of=ctx.as_of, model=ctx.model.kind,
                          training_deals=ctx.model.training_deals, accounts=accounts,
                          deals=deals, seconds=round(time.perf_counter() - started, 3))

    def rescore(self, as_of: datetime | None = None) -> ScoreBoard:
        """Score everything and store the numbers on the deals and accounts (so Cypher,
        text-to-Cypher and dashboards can filter on them); returns the board."""
        board = self.board(as_of)
        self._write(board)
        return board

    # -- hooks ----------------------------------------------------------------------------
    def _write(self, board: ScoreBoard) -> None:
        at = iso(board.as_of)
        self.store.write("scores/write_deals", {"rows": [
            {"id": d.deal_id, "p": d.win_probability, "trend": d.trend.direction, "at": at}
            for d in board.deals]})
        self.store.write("scores/write_accounts", {"rows": [
            {"id": a.account_id, "health": a.score, "trend": a.trend.direction,
             "churn": a.churn_risk, "churn_trend": a.churn_trend.direction,
             "icp": a.icp.score if a.icp else None, "at": at} for a in board.accounts]})

    def _deal(self, ctx: ScoringContext, deal_id: str) -> DealScore:
        deal = ctx.snap.deals.get(deal_id)
        if deal is None:
            raise NotFound(f"no deal with id {deal_id!r}")
        scored = score_deal(ctx, deal)
        if scored is None:
            raise InvalidInput(f"deal {deal_id} is not open as of {ctx.as_of.date()} "
                               f"({deal.stage.value}): there is nothing to predict")
        return scored

    def _account(self, ctx: ScoringContext, account_id: str) -> AccountHealth:
        acc = ctx.snap.accounts.get(account_id)
        if acc is None:
            raise NotFound(f"no account with id {account_id!r}")
        return score_account(ctx, acc)

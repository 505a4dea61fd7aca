"""Alerts: stuck deals, deals without a next step, accounts without an owner, single-threaded
key accounts, silent decision makers, properties reserved too long."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from intel.oracle.models import Alert, AlertKind, Alerts, Severity
from intel.oracle.settings import OracleSettings
from intel.scores.context import ScoringContext
from intel.scores.features import deal_state
from intel.scores.health import account_facts
from intel.scores.snapshot import DealRec, day_number

_CLIENTS = ("NEW_CLIENT", "ACTIVE_CLIENT", "AT_RISK", "REACTIVATED", "ACTIVE_PURSUIT")


def _deal_alert(deal: DealRec, kind: AlertKind, severity: Severity, message: str) -> Alert:
    return Alert(kind=kind, severity=severity, subject_label="Deal",
                 subject_id=deal.id, subject_name=deal.name, account_id=deal.account,
                 message=message)


def _deal_alerts(ctx: ScoringContext, settings: OracleSettings) -> Iterator[Alert]:
    silence = settings.decision_maker_silence_days
    for deal in sorted(ctx.snap.deals.values(), key=lambda d: d.id):
        state = deal_state(deal, ctx.day)
        if state is None:
            continue
        if ctx.stuck(state):
            p75 = ctx.norms.p75[state.stage]
            yield _deal_alert(deal, "stuck_deal", "high", (
                f"{state.days_in_stage:.0f} days in {state.stage.value}; 75% of deals leave "
                f"it within {p75:.0f}"))
        if not (deal.next_step or "").strip():
            yield _deal_alert(deal, "no_next_step", "medium", "no next step is set")
        if state.decision_maker is not None:
            last = ctx.snap.last_touch(state.decision_maker, ctx.day)
            if last is None or ctx.day - last > silence:
                person = ctx.snap.people.get(state.decision_maker)
                who = person.name if person else state.decision_maker
                since = "never contacted" if last is None else \
                    f"not contacted in {ctx.day - last:.0f} days"
                yield _deal_alert(deal, "decision_maker_silent", "high",
                                  f"decision maker {who} {since}")


def _account_alerts(ctx: ScoringContext, settings: OracleSettings) -> Iterator[Alert]:
    for acc in sorted(ctx.snap.accounts.values(), key=lambda a: a.id):
        has_open = any(deal_state(ctx.snap.deals[d], ctx.day) for d in acc.deals)
        if not acc.owners and (acc.stage in _CLIENTS or has_open):
            yield Alert(kind="account_without_owner", severity="medium",
                        subject_label="Account", subject_id=acc.id, subject_name=acc.name,
                        account_id=acc.id, message=f"{acc.stage} account with no owner")
        if acc.tier in settings.key_tiers and acc.contacts:
            threads = account_facts(ctx, acc, ctx.day).threads
            if threads <= 1:
                yield Alert(kind="single_threaded_key_account", severity="high",
                            subject_label="Account", subject_id=acc.id,
                            subject_name=acc.name, account_id=acc.id,
                            message=f"{acc.tier} account: only {threads} of "
                                    f"{len(acc.contacts)} people have a team tie of at least "
                                    f"{ctx.settings.known_tie:.0f}")


def _property_alerts(ctx: ScoringContext, settings: OracleSettings) -> Iterator[Alert]:
    for row in sorted(ctx.snap.reserved, key=lambda r: r["id"]):
        since: date | None = row["status_since"]
        start = day_number(since)
        if start is not None and ctx.day - start > settings.reserved_days:
            deals = ", ".join(row["deals"]) or "no deal"
            yield Alert(kind="property_reserved_too_long", severity="medium",
                        subject_label="Property", subject_id=row["id"],
                        subject_name=row["title"] or row["id"], account_id=None,
                        message=f"reserved for {ctx.day - start:.0f} days (since {since}; "
                                f"{deals})")


def alerts(ctx: ScoringContext, settings: OracleSettings) -> Alerts:
    found = [*_deal_alerts(ctx, settings), *_account_alerts(ctx, settings),
             *_property_alerts(ctx, settings)]
    counts: dict[str, int] = {}
    for a in found:
        counts[a.kind] = counts.get(a.kind, 0) + 1
    return Alerts(as_of=ctx.as_of, counts=counts, alerts=found)

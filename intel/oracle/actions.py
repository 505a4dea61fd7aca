"""Recommended next actions for an account, each tied to the evidence behind it, e.g.
"Call Ana Silva (CFO)" because "No touch with Ana Silva (CFO) in 47 days; Maya has a strong
tie to her (82)"."""

from __future__ import annotations

from collections.abc import Iterator

from intel.scores.context import ScoringContext
from intel.scores.features import deal_state
from intel.scores.health import KEY_ROLES, account_facts
from intel.scores.models import NextAction
from intel.scores.snapshot import AccountRec


def _who(ctx: ScoringContext, contact: str) -> str:
    person = ctx.snap.people.get(contact)
    if person is None:
        return contact
    return f"{person.name} ({person.title})" if person.title else person.name


def _tie_text(ctx: ScoringContext, contact: str) -> tuple[str, str | None]:
    best = ctx.snap.best_tie(contact)
    if best is None or best[1] <= 0:
        return "nobody on the team has a scored tie to them (try rapport intro)", None
    member, strength = best
    name = ctx.snap.members.get(member, member)
    kind = "a strong tie" if strength >= ctx.settings.strong_tie else "the team's best tie"
    return f"{name} has {kind} to them ({strength:.0f})", member


def _key_people(ctx: ScoringContext, acc: AccountRec) -> Iterator[NextAction]:
    seen: set[str] = set()
    for deal_id in sorted(acc.deals):
        deal = ctx.snap.deals[deal_id]
        if deal_state(deal, ctx.day) is None:
            continue
        for contact, role, _ in deal.stakeholders:
            if role not in KEY_ROLES or contact in seen:
                continue
            seen.add(contact)
            last = ctx.snap.last_touch(contact, ctx.day)
            if last is not None and ctx.day - last <= ctx.settings.silence_days:
                continue
            quiet = "No touch ever" if last is None else \
                f"No touch in {ctx.day - last:.0f} days"
            tie, member = _tie_text(ctx, contact)
            who = _who(ctx, contact)
            yield NextAction(action=f"Reach {who} about {deal.name}",
                             evidence=f"{quiet} with {who}, {role.lower().replace('_', ' ')} "
                                      f"on {deal.name}; {tie}",
                             contact_id=contact, member_id=member, deal_id=deal.id,
                             priority=1 if role == "DECISION_MAKER" else 2)


def _deals(ctx: ScoringContext, acc: AccountRec) -> Iterator[NextAction]:
    for deal_id in sorted(acc.deals):
        deal = ctx.snap.deals[deal_id]
        state = deal_state(deal, ctx.day)
        if state is None:
            continue
        if ctx.stuck(state):
            yield NextAction(
                action=f"Unblock {deal.name}", deal_id=deal.id, member_id=deal.owner,
                evidence=f"{state.days_in_stage:.0f} days in {state.stage.value}; 75% of "
                         f"deals leave it within {ctx.norms.p75[state.stage]:.0f}",
                priority=1)
        if not (deal.next_step or "").strip():
            yield NextAction(action=f"Set a next step on {deal.name}", deal_id=deal.id,
                             member_id=deal.owner, evidence="the deal has no next step",
                             priority=2)


def _breadth(ctx: ScoringContext, acc: AccountRec) -> Iterator[NextAction]:
    facts = account_facts(ctx, acc, ctx.day)
    if not acc.owners:
        yield NextAction(action=f"Assign an owner to {acc.name}",
                         evidence="no team member owns the account", priority=2)
    if acc.contacts and facts.threads <= 1:
        ties = sorted(((b[1], c, b[0]) for c in acc.contacts
                       if (b := ctx.snap.best_tie(c)) is not None
                       and b[1] < ctx.settings.known_tie), reverse=True)
        if ties:
            strength, contact, member = ties[0]
            name = ctx.snap.members.get(member, member)
            yield NextAction(
                action=f"Deepen the tie with {_who(ctx, contact)}", contact_id=contact,
                member_id=member, priority=2,
                evidence=f"only {facts.threads} people at {acc.name} have a team tie of at "
                         f"least {ctx.settings.known_tie:.0f}; {name}'s tie to them is the "
                         f"next strongest ({strength:.0f})")


def next_actions(ctx: ScoringContext, acc: AccountRec, limit: int = 8) -> list[NextAction]:
    found = [*_key_people(ctx, acc), *_deals(ctx, acc), *_breadth(ctx, acc)]
    return sorted(found, key=lambda a: a.priority)[:limit]

"""Contacts per account: org chart (REPORTS_TO tree, CEO on top), jobs, former employers."""

from __future__ import annotations

import random
from datetime import date, timedelta
from types import MappingProxyType

from graph.model import Contact, ContactStage, ReportsTo, Seniority, WorksAt
from graph.synth import vocab
from graph.synth.accounts import ascii_slug
from graph.synth.common import Ctx
from graph.synth.state import AccountInfo, PersonInfo, World

# Contacts per account by tier: (low, high), clipped to 5..40.
_HEADCOUNT = MappingProxyType({"PLATINUM": (24, 40), "GOLD": (16, 32), "SILVER": (11, 24),
                               "BRONZE": (8, 18), "GROWTH": (6, 13), "TRANSACTIONAL": (5, 10)})
_LIFECYCLE = MappingProxyType({
    "ACTIVE_CLIENT": ("CUSTOMER", "CUSTOMER", "EVANGELIST", "OPPORTUNITY"),
    "NEW_CLIENT": ("CUSTOMER", "OPPORTUNITY"), "REACTIVATED": ("CUSTOMER", "OPPORTUNITY"),
    "PROSPECT": ("SUBSCRIBER", "LEAD", "MQL"), "ACTIVE_PURSUIT": ("SQL", "OPPORTUNITY", "LEAD"),
    "AT_RISK": ("CUSTOMER", "OPPORTUNITY"), "DORMANT": ("INACTIVE", "CUSTOMER"),
    "CHURNED": ("INACTIVE", "OTHER")})


def _tree(rng: random.Random, n: int) -> list[tuple[int | None, int, int]]:
    """(manager, depth, department) per position; position 0 is the CEO."""
    heads = max(1, min(len(vocab.DEPARTMENT_TITLES), n // 5))
    depts = rng.sample(range(len(vocab.DEPARTMENT_TITLES)), heads)
    rows: list[tuple[int | None, int, int]] = [(None, 0, -1)]
    rows += [(0, 1, d) for d in depts[: n - 1]]
    for _ in range(len(rows), n):
        # Attach under a random existing manager above depth 4: a bushy, realistic chart.
        candidates = [i for i, (_, depth, _) in enumerate(rows) if 1 <= depth <= 3]
        parent = rng.choice(candidates)
        rows.append((parent, rows[parent][1] + 1, rows[parent][2]))
    return rows


def _title(rng: random.Random, depth: int, dept: int) -> tuple[str, str, str]:
    """(title, seniority, department) consistent with the depth in the chart."""
    if depth == 0:
        return "Chief Executive Officer", "C_LEVEL", "Executive"
    level = {1: rng.choice((0, 0, 1)), 2: 2, 3: 3}.get(depth)
    rank = level if level is not None else rng.choice((4, 4, 5))
    name, titles = vocab.DEPARTMENT_TITLES[dept]
    title, seniority = titles[rank]
    return title, seniority, name


def _email(first: str, last: str, acc: AccountInfo, rng: random.Random,
           taken: set[str]) -> str | None:
    if rng.random() < 0.03:
        return None  # a few contacts come without an email (card, event list)
    local = ascii_slug(f"{first} {last}", ".") or "contact"
    base, n = local, 2
    while local in taken:
        local, n = f"{base}{n}", n + 1
    taken.add(local)
    return f"{local}@{acc.domain}"


def _contact(ctx: Ctx, rng: random.Random, p: PersonInfo, acc: AccountInfo,
             dept: str, taken: set[str]) -> Contact:
    first, last = rng.choice(vocab.FIRST_NAMES), rng.choice(vocab.LAST_NAMES)
    email = _email(first, last, acc, rng, taken)
    city, country, prefix, _ = vocab.CITIES[p.city]
    linkedin = None
    if rng.random() < 0.85:
        linkedin = f"https://www.linkedin.com/in/{ascii_slug(f'{first} {last}')}-{p.idx:x}"
    created, updated = ctx.stamp(rng, 6 * 365, ctx.cfg.history_days + 30)
    return ctx.build(
        Contact, id=p.id, created_at=created, updated_at=updated, sources=ctx.sources(),
        first_name=first, last_name=last, name=f"{first} {last}", email=email,
        emails=[email] if email else [], phone=f"{prefix} {rng.randrange(10**8, 10**9)}",
        title=p.title, department=dept, seniority=Seniority(p.seniority),
        linkedin_url=linkedin, city=city, country=country,
        lifecycle_stage=ContactStage(rng.choice(_LIFECYCLE[acc.stage])),
        do_not_contact=rng.random() < 0.02)


def _account_people(ctx: Ctx, rng: random.Random, world: World, acc: AccountInfo) -> None:
    low, high = _HEADCOUNT[acc.tier]
    n = max(5, min(40, rng.randint(low, high)))
    taken: set[str] = set()
    base = len(world.people)
    for pos, (manager, depth, dept) in enumerate(_tree(rng, n)):
        idx = base + pos
        title, seniority, dept_name = _title(rng, depth, dept)
        city = acc.city if rng.random() < 0.85 else rng.randrange(len(vocab.CITIES))
        tenure = rng.uniform(200, 15 * 365) if depth else rng.uniform(3 * 365, 20 * 365)
        p = PersonInfo(idx=idx, id=f"ct_{idx + 1:06d}", account=acc.idx,
                       manager=None if manager is None else base + manager, depth=depth,
                       seniority=seniority, title=title, city=city,
                       job_start=ctx.date_ago(tenure))
        world.people.append(p)
        acc.contacts.append(idx)
        world.nodes["Contact"].append(_contact(ctx, rng, p, acc, dept_name, taken))


def generate_people(ctx: Ctx, world: World) -> None:
    rng = ctx.rng("people")
    for acc in world.accounts:
        _account_people(ctx, rng, world, acc)
    _former_employers(ctx, world)
    _employment_edges(ctx, world)


def _former_employers(ctx: Ctx, world: World) -> None:
    """~12% had a job at another generated account; ~3% left a client in the last 18 months."""
    rng = ctx.rng("former")
    n_acc = len(world.accounts)
    for p in world.people:
        roll = rng.random()
        if n_acc < 2 or roll >= 0.15 or p.depth == 0:
            continue
        other = rng.randrange(n_acc - 1)
        other += other >= p.account  # any account but the current one
        if roll < 0.03:  # a recent leaver: their new job started within 18 months
            p.job_start = ctx.date_ago(rng.uniform(20, 540))
        end = p.job_start - timedelta(days=rng.randint(0, 90))
        start = end - timedelta(days=rng.randint(365, 8 * 365))
        p.former = (other, start, end)


def _employment_edges(ctx: Ctx, world: World) -> None:
    works, reports = world.edges["WORKS_AT"], world.edges["REPORTS_TO"]
    for p in world.people:
        me = ctx.ref("Contact", p.id)
        acc = world.accounts[p.account]
        works.append(ctx.build(WorksAt, src=me, dst=ctx.ref("Account", acc.id),
                           sources=ctx.sources(), title=p.title, current=True,
                           start=p.job_start, end=None))
        if p.former is not None:
            old, start, end = p.former
            works.append(ctx.build(WorksAt, src=me, dst=ctx.ref("Account", world.accounts[old].id),
                               sources=ctx.sources(), title=p.title, current=False,
                               start=start, end=end))
        if p.manager is not None:
            boss = ctx.ref("Contact", world.people[p.manager].id)
            reports.append(ctx.build(ReportsTo, src=me, dst=boss, sources=ctx.sources()))


def job_overlap_years(a: tuple[date, date], b: tuple[date, date]) -> float:
    """Years two employment periods overlapped (0 when they did not)."""
    days = (min(a[1], b[1]) - max(a[0], b[0])).days
    return max(0.0, days / 365.0)

"""The shape of each interaction: who takes part in which role, subject and summary."""

from __future__ import annotations

import random
from datetime import datetime

from graph.model import InteractionKind, NodeRef, ParticipantRole
from graph.synth import texts, vocab
from graph.synth.common import Ctx
from graph.synth.state import TiePlan
from graph.synth.writer import InteractionWriter, Participants, Thread

_MAIL_DOMAIN = "mail.synth.rapport.example"
Slots = dict[str, object]
R = ParticipantRole


def _colleagues(rng: random.Random, writer: InteractionWriter, plan: TiePlan, k: int
                ) -> list[NodeRef]:
    world, ctx = writer.world, writer.ctx
    staff = world.accounts[world.people[plan.contact].account].contacts
    others = [i for i in staff if i != plan.contact]
    return [ctx.ref("Contact", world.people[i].id)
            for i in rng.sample(others, min(k, len(others)))]


def _refs(writer: InteractionWriter, plan: TiePlan) -> tuple[NodeRef, NodeRef]:
    world, ctx = writer.world, writer.ctx
    return (ctx.ref("Member", world.members[plan.member].id),
            ctx.ref("Contact", world.people[plan.contact].id))


def _replies(rng: random.Random, plan: TiePlan) -> bool:
    """Whether the contact is the one writing: never for one-way ties, often for strong ones."""
    return not plan.one_way and rng.random() < 0.15 + 0.4 * plan.base / 100


def _email(rng: random.Random, w: InteractionWriter, plan: TiePlan, at: datetime,
           slots: Slots, thread: Thread) -> None:
    member, contact = _refs(w, plan)
    reply = _replies(rng, plan)
    if thread.at is None or (at - thread.at).days >= 6:
        thread.id, thread.subject = None, rng.choice(texts.EMAIL_SUBJECTS).format(**slots)
    subject = thread.subject if thread.id is None else f"Re: {thread.subject}"
    sender, receiver = (contact, member) if reply else (member, contact)
    people: Participants = [(sender, R.FROM), (receiver, R.TO)]
    if not plan.one_way and rng.random() < 0.2:
        people += [(c, R.CC) for c in _colleagues(rng, w, plan, rng.randint(1, 2))]
    message_id = f"<{w.next_id()}@{_MAIL_DOMAIN}>"
    thread.id, thread.at = thread.id or message_id, at
    w.add(InteractionKind.EMAIL, at, people, subject,
          rng.choice(texts.EMAIL_SUMMARIES).format(**slots), message_id=message_id,
          thread_id=thread.id)


def _meeting(rng: random.Random, w: InteractionWriter, plan: TiePlan, at: datetime,
             slots: Slots) -> None:
    member, contact = _refs(w, plan)
    people: Participants = [(member, R.ORGANIZER), (contact, R.ATTENDEE)]
    extra = rng.choices((0, 1, 2, 3), (45, 30, 15, 10))[0]
    people += [(c, R.ATTENDEE) for c in _colleagues(rng, w, plan, extra)]
    other = w.ctx.ref("Member", w.world.members[rng.randrange(len(w.world.members))].id)
    if rng.random() < 0.15 and other != member:
        people.append((other, R.ATTENDEE))
    w.add(InteractionKind.MEETING, at.replace(minute=rng.choice((0, 15, 30, 45))), people,
          rng.choice(texts.MEETING_SUBJECTS).format(**slots),
          rng.choice(texts.MEETING_SUMMARIES).format(**slots),
          duration_minutes=rng.choice((30, 45, 60, 60, 90, 120)))


def _short(rng: random.Random, w: InteractionWriter, plan: TiePlan, kind: InteractionKind,
           at: datetime, slots: Slots) -> None:
    """Calls, messages and notes: two people, the subject of a note is its contact."""
    member, contact = _refs(w, plan)
    inbound = kind is not InteractionKind.NOTE and _replies(rng, plan)
    first, second = (contact, member) if inbound else (member, contact)
    if kind is InteractionKind.CALL:
        w.add(kind, at, [(first, R.ORGANIZER), (second, R.ATTENDEE)],
              rng.choice(texts.CALL_SUBJECTS).format(**slots),
              rng.choice(texts.CALL_SUMMARIES).format(**slots),
              duration_minutes=rng.randint(5, 45))
        return
    pool = texts.MESSAGE_SUMMARIES if kind is InteractionKind.MESSAGE else texts.NOTE_SUMMARIES
    subject = "Message" if kind is InteractionKind.MESSAGE else "Note"
    w.add(kind, at, [(first, R.FROM), (second, R.TO)], subject,
          rng.choice(pool).format(**slots))


def pair_events(rng: random.Random, w: InteractionWriter, plan: TiePlan, kind: InteractionKind,
                at: datetime, slots: Slots, thread: Thread) -> None:
    if kind is InteractionKind.EMAIL:
        _email(rng, w, plan, at, slots, thread)
    elif kind is InteractionKind.MEETING:
        _meeting(rng, w, plan, at, slots)
    else:
        _short(rng, w, plan, kind, at, slots)


def large_meetings(ctx: Ctx, rng: random.Random, w: InteractionWriter) -> None:
    """A few 20-40 person events (offsites, investor days) across accounts in one city."""
    world = w.world
    by_city: dict[int, list[int]] = {}
    for p in world.people:
        by_city.setdefault(p.city, []).append(p.idx)
    for _ in range(max(1, ctx.cfg.clients // 25)):
        city = rng.choice(sorted(by_city))
        pool = by_city[city]
        guests = rng.sample(pool, min(len(pool), rng.randint(20, 40)))
        hosts = rng.sample(world.members, min(len(world.members), rng.randint(2, 4)))
        people: Participants = [(ctx.ref("Member", hosts[0].id), R.ORGANIZER)]
        people += [(ctx.ref("Member", m.id), R.ATTENDEE) for m in hosts[1:]]
        people += [(ctx.ref("Contact", world.people[g].id), R.ATTENDEE) for g in guests]
        host_acc = world.accounts[world.people[guests[0]].account]
        slots = {"company": host_acc.name, "city": vocab.CITIES[city][0]}
        at = ctx.days_ago(rng.uniform(10, ctx.cfg.history_days)).replace(hour=9, minute=0, second=0)
        w.add(InteractionKind.MEETING, at, people,
              rng.choice(texts.LARGE_MEETING_SUBJECTS).format(**slots),
              f"{len(people)} attendees; networking and market briefing.",
              duration_minutes=rng.choice((180, 240, 480)))

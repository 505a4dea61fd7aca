"""Words for a path: who each person is, why each hop holds, and the intro request draft."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from graph.store import Row
from intel.intros.models import Hop, Person

_ORIGIN_WORDS = {"LINKEDIN": "connected on LinkedIn", "INTRODUCED": "were introduced",
                 "COLLEAGUE": "are colleagues", "FORMER_COLLEAGUE": "used to work together",
                 "SOCIAL": "know each other socially", "MANUAL": "noted by the team"}


def band(strength: float) -> str:
    return "strong" if strength >= 70 else "occasional" if strength >= 40 else "weak"


def person(row: Row) -> Person:
    return Person(id=row["id"], label=row["label"], name=row["name"] or row["id"],
                  title=row["title"], company=row["company"], do_not_contact=row["dnc"])


def _ago(when: datetime | None, now: datetime) -> str | None:
    if when is None:
        return None
    days = max(0, (now - when).days)
    return "today" if days == 0 else f"{days} day{'s' if days != 1 else ''} ago"


def _years(start: date | None, end: date | None) -> str:
    first = str(start.year) if start else "?"
    return f"{first}-{end.year if end else 'now'}"


def _shared(shared: list[dict[str, Any]]) -> list[str]:
    out = []
    for s in shared:
        start = max((d for d in (s["a_start"], s["b_start"]) if d), default=None)
        ends = [d for d in (s["a_end"], s["b_end"]) if d]
        out.append(f"{s['account']} {_years(start, min(ends) if ends else None)}")
    return sorted(set(out))


def hop(a: Person, b: Person, detail: Row | None, weight: float, now: datetime) -> Hop:
    strength = round(weight * 100, 1)
    if detail is None:  # only when the edge changed between search and explanation
        return Hop(source=a.id, target=b.id, strength=strength,
                   explanation=f"{a.name} knows {b.name}: strength {strength:.0f}")
    facts: list[str] = []
    interactions = int(detail["interactions"] or 0)
    if interactions:
        facts.append(f"{interactions} interaction{'s' if interactions != 1 else ''}")
    ago = _ago(detail["last_seen"], now)
    if ago:
        facts.append(f"last {ago}")
    facts += [_ORIGIN_WORDS[o] for o in detail["origins"] or [] if o in _ORIGIN_WORDS]
    facts.append(f"strength {strength:.0f} ({band(strength)})")
    shared = _shared(detail["shared"] or [])
    text = f"{a.name} knows {b.name}: {', '.join(facts)}"
    if shared:
        text += f"; they worked together at {', '.join(shared)}"
    return Hop(source=a.id, target=b.id, strength=strength, interactions=interactions,
               last_seen=detail["last_seen"], shared_employers=shared, explanation=text)


def draft(member: Person, people: list[Person], steps: list[Hop]) -> str:
    """Template text for the first request of the top path (the LLM gateway can rewrite it)."""
    target = people[-1]
    role = ", ".join(p for p in (target.title, target.company) if p)
    about = f"{target.name} ({role})" if role else target.name
    if len(people) == 2:
        return (f"Hi {target.name.split()[0]},\n\nI hope you are well. I would love to catch "
                f"up about how we could work together. Would you have 20 minutes in the "
                f"coming weeks?\n\nBest,\n{member.name}")
    introducer = people[1]
    chain = ""
    if len(people) > 3:
        chain = (f" I understand you know {people[2].name}, who is close to "
                 f"{target.name.split()[0]}.")
    return (f"Hi {introducer.name.split()[0]},\n\nI hope you are well. Would you be open to "
            f"introducing me to {about}?{chain} A short email connecting us would mean a lot; "
            f"I am happy to send you a blurb to forward.\n\nContext: {steps[0].explanation}."
            f"\n\nThank you,\n{member.name}")

"""An account's interaction timeline: its people's emails, meetings, calls, messages and
notes, newest first, in keyset pages.

Privacy (api/entities/privacy.py): a contact this caller may not see as a record (only in
a colleague's unshared personal network) is left out of the participants, and an
interaction with no visible contact left is left out altogether: it would only show that
personal tie. A page may then hold fewer items than `limit`; `next_cursor` still follows.
"""

from __future__ import annotations

from datetime import UTC, datetime

from pydantic import BaseModel, ConfigDict, Field

from api.auth.roles import Principal
from api.entities.privacy import hidden_contacts
from api.entities.service import decode_cursor, encode_cursor
from graph.errors import InvalidInput, NotFound
from graph.model import InteractionKind
from graph.rows import iso
from graph.store import GraphStore, Row


class _Result(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Participant(_Result):
    id: str
    name: str | None
    label: str = Field(description="Member (the team) or Contact")
    role: str | None = Field(description="FROM, TO, CC, ATTENDEE or ORGANIZER")


class InteractionItem(_Result):
    id: str
    kind: InteractionKind
    at: datetime
    subject: str | None
    summary: str | None
    duration_minutes: int | None
    people: list[Participant]


class InteractionPage(_Result):
    account_id: str
    items: list[InteractionItem]
    hidden: int = Field(default=0, ge=0, description=(
        "interactions of this page left out: only with people in a colleague's personal "
        "network"))
    next_cursor: str | None = Field(default=None,
                                    description="pass as `cursor` for the next page")


def _position(cursor: str | None) -> tuple[str | None, str]:
    """(at, id) of the last item of the previous page; (None, "") for the first page."""
    text = decode_cursor(cursor)
    if not text:
        return None, ""
    at, sep, last_id = text.partition("|")
    try:
        when = datetime.fromisoformat(at)
    except ValueError as e:
        raise InvalidInput("cursor: not a cursor from a previous page") from e
    if not sep:
        raise InvalidInput("cursor: not a cursor from a previous page")
    return iso(_utc(when)), last_id  # the engine gets clean naive-UTC text, whatever came


def _utc(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _item(row: Row, hidden: set[str]) -> InteractionItem | None:
    people = [Participant.model_validate(p) for p in row["people"] if p["id"] not in hidden]
    if not any(p.label == "Contact" for p in people):
        return None
    people.sort(key=lambda p: (p.label != "Member", p.role or "", p.name or ""))
    return InteractionItem(id=row["id"], kind=row["kind"], at=_utc(row["at"]),
                           subject=row["subject"], summary=row["summary"],
                           duration_minutes=row["duration_minutes"], people=people)


def account_interactions(store: GraphStore, principal: Principal, account_id: str,
                         cursor: str | None, limit: int) -> InteractionPage:
    if not store.read("entities/account/get", {"id": account_id}):
        raise NotFound(f"no account with id {account_id!r}")
    before_at, before_id = _position(cursor)
    rows = store.read("accounts/interactions", {
        "account": account_id, "before_at": before_at, "before_id": before_id,
        "limit": limit + 1})
    page, more = rows[:limit], len(rows) > limit
    contacts = [p["id"] for r in page for p in r["people"] if p["label"] == "Contact"]
    hidden = hidden_contacts(store, contacts, principal)
    items = [i for r in page if (i := _item(r, hidden)) is not None]
    last = page[-1] if page else None
    return InteractionPage(
        account_id=account_id, items=items, hidden=len(page) - len(items),
        next_cursor=encode_cursor(f"{iso(_utc(last['at']))}|{last['id']}")
        if more and last else None)

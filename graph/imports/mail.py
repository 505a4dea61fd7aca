"""One mail message's headers -> an Interaction draft with its participants."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from email.utils import getaddresses, parsedate_to_datetime
from functools import lru_cache
from typing import Any

from graph.imports import normalize as norm
from graph.imports.models import Draft, EdgeDraft, MappedRow
from graph.imports.readers import MailHeaders
from graph.imports.rowmap import validate_node
from graph.model import Contact, Interaction


def _first_id(value: str | None) -> str | None:
    if not value:
        return None
    parts = value.replace(">", "> ").split()
    return next((p for p in parts if p.startswith("<") and p.endswith(">")), None)


# Distinct header values and people remembered: a mailbox's regular correspondents. On
# 300,000 messages among 100,000 people (the import benchmark), the file's reader used 62 s
# of CPU remembering 16,384 of each, 50 s with 65,536, and held 17 MB more (196 MB).
_REMEMBERED = 65_536


@lru_cache(maxsize=_REMEMBERED)
def _addresses(value: str) -> tuple[tuple[str, str], ...]:
    """(display name, address) pairs of one header value: parsed once per distinct value, a
    mailbox repeats the same From/To/Cc lines across messages."""
    return tuple(getaddresses([value]))


def _all_addresses(values: list[str]) -> list[tuple[str, str]]:
    return [pair for value in values for pair in _addresses(value)]


@lru_cache(maxsize=_REMEMBERED)
def _participant(name: str, email: str) -> dict[str, Any] | None:
    """A participant's Contact props, validated once per (name, address): a mailbox repeats
    the same people in thousands of messages."""
    person = {"name": name, "email": email, "emails": [email]}
    return validate_node(Contact, person, MappedRow(row=0), quiet=True)


def _utc_iso(value: datetime) -> str:
    """A mail date in UTC as ISO text (a date without a zone, `-0000`, is taken as UTC)."""
    utc = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    return utc.isoformat()


def mail_row(line: int, message: MailHeaders, members: dict[str, str]) -> MappedRow:
    out = MappedRow(row=line)
    props: dict[str, Any] = {"kind": "EMAIL"}
    date_text = message.get("Date")
    if not date_text:
        out.errors["Date"] = "no Date header"
    else:
        try:
            props["at"] = _utc_iso(parsedate_to_datetime(date_text))
        except (TypeError, ValueError):
            out.errors["Date"] = f"not a mail date: {date_text!r}"
    subject = norm.clean(message.get("Subject"))
    if subject:
        props["subject"] = subject
    message_id = _first_id(message.get("Message-ID"))
    senders = [a for a in _all_addresses(message.get_all("From")) if a[1]]
    if not senders:
        out.errors["From"] = "no sender address"
    if out.errors:
        return out
    if message_id is None:
        basis = f"{senders[0][1]}|{date_text}|{subject}".encode()
        message_id = f"<{hashlib.sha1(basis).hexdigest()}@rapport.import>"  # noqa: S324
        out.notes.append(f"row {line}: no Message-ID; derived {message_id} from sender, date "
                         "and subject")
    props["message_id"] = message_id
    props["thread_id"] = _first_id(message.get("References")) or _first_id(
        message.get("In-Reply-To")) or message_id
    seen: dict[str, tuple[str, str]] = {}
    for role, header in (("FROM", "From"), ("TO", "To"), ("CC", "Cc")):
        for name, address in _all_addresses(message.get_all(header)):
            email = norm.email(address)
            if email and email not in seen:
                seen[email] = (name, role)
    props["participant_count"] = len(seen)
    checked = validate_node(Interaction, props, out)
    if checked is None:
        return out
    out.entities.append(Draft(key="interaction", label="Interaction", props=checked))
    for i, (email, (name, role)) in enumerate(seen.items()):
        key = f"p{i}"
        if email in members:
            out.entities.append(Draft(key=key, label="Member", fixed_id=members[email]))
        else:
            contact = _participant(" ".join(name.split()) or email, email)
            if contact is None:
                out.notes.append(f"row {line}: skipped participant {email!r} (not an address)")
                continue
            props_copy = {k: list(v) if isinstance(v, list) else v for k, v in contact.items()}
            out.entities.append(Draft(key=key, label="Contact", props=props_copy,
                                      fill_only=True))
        out.edges.append(EdgeDraft(type="PARTICIPATED_IN", src=key, dst="interaction",
                                   props={"role": role}))
    return out

"""The header and value rules `rapport import suggest` proposes a manifest with: header
names matched by whole words (so "Mailing City" is a city and not an email), some left out
on purpose (middle names, owners, fax numbers, labels), values checked for the shape their
header promises (emails, phones, domains, dates with their format, honorifics that are not
job titles)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from graph.imports import normalize as norm

_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%m/%d/%Y", "%d.%m.%Y", "%d-%m-%Y", "%d %b %Y",
                 "%b %d, %Y", "%Y/%m/%d")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.I)
_PHONE = re.compile(r"^\+?[\d\s().-]{7,20}$")
_AMOUNT = re.compile(r"^(?:[€$£]|[A-Z]{3})?\s?-?\d[\d.,\s]*\s?(?:[€$£]|[A-Z]{3})?$")
_DOMAIN = re.compile(r"^(?:https?://)?(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)+/?$", re.I)
_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "madam", "mme",
                         "mlle", "m", "sr", "sra", "herr", "frau"})
# (pattern on the folded header, field): the first that matches wins; None = leave it
# unmapped (a middle name, an owner, a label column are not the contact's own fields).
_HEADER_HINTS: tuple[tuple[re.Pattern[str], str | None], ...] = tuple(
    (re.compile(pattern), field) for pattern, field in (
        (r"\b(middle|nick ?name|yomi|phonetic|suffix|prefix|manager|assistant|spouse|owner|"
         r"fax|pager|telex|callback|radio|tty|children|label|type|created by|modified by|"
         r"file as|photo|gender|birthday|anniversary|hobby|password)\b", None),
        (r"\bpersonal\b.*\b(web|site|page|url)\b", None),
        (r"\blinked ?in\b", "linkedin_url"),
        (r"\b(opt ?out|do not (contact|call|e ?mail)|unsubscribed)\b", "do_not_contact"),
        (r"\b(e ?mail|courriel|correo)\b", "email"),
        (r"\b(first|given|prenom|vorname|primeiro)\b", "first_name"),
        (r"\b(last|surname|family|nachname|apellidos?|sobrenome)\b", "last_name"),
        (r"\b(phone|mobile|cell|tel|telephone|telefone|telefono|portable|telemovel)\b",
         "phone"),
        (r"\b(account|company|organi[sz]ation|employer)\b.*\bid\b", "company_external_id"),
        (r"\b(id|identifier)\b", "external_id"),
        (r"\b(job|title|position|role|fonction|poste|cargo|titre)\b", "title"),
        (r"\b(department|dept|departement|departamento|abteilung)\b", "department"),
        (r"\b(city|town|ville|cidade|ciudad|stadt|localidade)\b", "city"),
        (r"\b(country|pays|pais|land)\b", "country"),
        (r"\b(domain|website|web ?site|site web|url|web page|homepage)\b", "company_domain"),
        (r"\b(company|employer|organi[sz]ation|account|firm|entreprise|empresa|societe|"
         r"firma|unternehmen)\b", "company"),
        (r"\b(name|nom|nome|nombre|contact|person)\b", "name"),
        (r"\b(since|connected|depuis|desde|added|created)\b", "connected_on"),
    ))


@dataclass(frozen=True)
class Guess:
    """One column's proposed manifest entry; `score` 2 when its header and its values
    agree, 1 when only one of them says what it is, 3 when a reviewer chose it."""

    entry: dict[str, Any]
    score: int

    @property
    def field(self) -> str:
        return str(self.entry["field"])


def _fold(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", norm.fold(text)).strip()


def date_format(values: list[str]) -> str | None:
    """The first format every sample value parses with (day-first before month-first)."""
    for fmt in _DATE_FORMATS:
        if values and all(_parses(v, fmt) for v in values):
            return fmt
    return None


def _parses(value: str, fmt: str) -> bool:
    try:
        datetime.strptime(value.strip(), fmt)
    except ValueError:
        return False
    return True


def all_of(values: list[str], test: Callable[[str], bool]) -> bool:
    return bool(values) and all(test(v) for v in values)


def full_names(values: list[str]) -> bool:
    """Every value is a whole name to split ("Ana Lima" or "Lima, Ana")."""
    return all_of(values, lambda v: "," in v or len(v.split()) >= 2)


def date_entry(values: list[str]) -> dict[str, Any] | None:
    fmt = date_format(values)
    if fmt:
        return {"field": "connected_on", "transform": "date", "format": fmt}
    if all_of(values, _is_datetime):
        return {"field": "connected_on", "transform": "date"}  # ISO or a known date-time
    return None


def _is_datetime(value: str) -> bool:
    try:
        norm.parse_date(value)
    except ValueError:
        return False
    return True


def _hinted(header: str) -> tuple[bool, str | None]:
    """(whether a header rule matched, its field: None to leave the column unmapped)."""
    words = _fold(header)
    return next(((True, f) for p, f in _HEADER_HINTS if p.search(words)), (False, None))


def guess_column(header: str, values: list[str]) -> Guess | None:
    """The manifest entry for one column, or None when nothing fits (left unmapped)."""
    matched, field = _hinted(header)
    if matched and field is None:
        return None
    if all_of(values, lambda v: "linkedin.com/" in v.lower()):
        return Guess({"field": "linkedin_url"}, 2 if field == "linkedin_url" else 1)
    parts = [p for v in values for p in norm.split_multi(v)]  # Google's "a ::: b", "a; b"
    if all_of(parts, lambda v: bool(_EMAIL.match(v))):
        # Several addresses in one cell go to `emails`, which takes a list.
        several = len(parts) > len(values)
        return Guess({"field": "emails" if several else "email"}, 2 if field == "email" else 1)
    dated = date_entry(values)
    if dated is not None:
        return Guess(dated, 2 if field == "connected_on" else 1)
    if field is None:
        return _by_values(values)
    if values and (field == "connected_on" or (field in _SHAPES and not _fits(field, values))
                   or (field == "title" and all_of(values, lambda v: _fold(v) in _HONORIFICS))):
        return None  # the header says one thing, the values another (or an honorific)
    if field == "name" and full_names(values):
        return Guess({"field": "name", "transform": "split_name"}, 2)
    return Guess({"field": field}, 2 if values else 1)


_SHAPES = {"email": _EMAIL, "phone": _PHONE, "company_domain": _DOMAIN}


def _fits(field: str, values: list[str]) -> bool:
    """Most sample values have the shape of `field` (a few typos do not disqualify it)."""
    shape = _SHAPES[field]
    return sum(bool(shape.match(v.strip())) for v in values) * 2 > len(values)


def _by_values(values: list[str]) -> Guess | None:
    if all_of(values, lambda v: bool(_DOMAIN.match(v.strip()))):
        return Guess({"field": "company_domain"}, 1)
    if all_of(values, lambda v: bool(_PHONE.match(v.strip()))) and any(
            sum(c.isdigit() for c in v) >= 9 for v in values):
        return Guess({"field": "phone"}, 1)
    if all_of(values, lambda v: bool(_AMOUNT.match(v.strip()))):
        return Guess({"field": "account.annual_revenue"}, 1)
    return None

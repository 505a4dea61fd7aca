"""`rapport import suggest FILE`: a mapping manifest proposed for a CSV no profile matches,
from the header names and sample values (emails, names, phones, dates with their format,
companies and domains, amounts). The user edits it and passes it with `--mapping`.

Header names are matched by whole words, so "Mailing City" is a city and not an email.
When several columns could give one field, the one whose values fit and are filled in the
most sample rows wins ("Job Title" over Outlook's honorific "Title"); phone columns are all
kept, the first filled one in a row giving its phone, and extra email columns become
`emails`. A `ManifestReviewer` (the LLM gateway, when one is configured) may then correct
the proposal; what it proposes is checked like a hand-written manifest."""

from __future__ import annotations

import itertools
import re
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import yaml

from graph.errors import RapportError
from graph.imports import normalize as norm
from graph.imports.mapping import ACCOUNT_FIELDS, CONTACT_FIELDS
from graph.imports.readers import read_table

SAMPLE = 50
_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%m/%d/%Y", "%d.%m.%Y", "%d-%m-%Y", "%d %b %Y",
                 "%b %d, %Y", "%Y/%m/%d")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.I)
_PHONE = re.compile(r"^\+?[\d\s().-]{7,20}$")
_AMOUNT = re.compile(r"^(?:[€$£]|[A-Z]{3})?\s?-?\d[\d.,\s]*\s?(?:[€$£]|[A-Z]{3})?$")
_MULTI = re.compile(r"\s*(?::::|;|\|)\s*")  # Google's " ::: ", and ";" or "|" lists
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
# Fields several columns may give: the first filled one in a row wins (graph.imports.rowmap).
_FALLBACK_FIELDS = frozenset({"phone"})


@dataclass(frozen=True)
class Guess:
    """One column's proposed manifest entry; `score` 2 when its header and its values
    agree, 1 when only one of them says what it is."""

    entry: dict[str, Any]
    score: int

    @property
    def field(self) -> str:
        return str(self.entry["field"])


class ManifestReviewer(ABC):
    """Corrects a proposed manifest (`review()` -> the `_review` hook) from the header and
    the shapes of sample values (letters and digits masked: "Aaa Aaaa", "+999 999 9999"),
    never the values themselves. Answers column -> field (None: leave it unmapped); its
    answer is checked by `suggest_manifest`, not trusted."""

    def review(self, header: list[str], shapes: dict[str, list[str]],
               proposed: dict[str, str]) -> dict[str, str | None]:
        return self._review(header, shapes, proposed)

    @abstractmethod
    def _review(self, header: list[str], shapes: dict[str, list[str]],
                proposed: dict[str, str]) -> dict[str, str | None]: ...


def shape(value: str, width: int = 24) -> str:
    """A value with its letters and digits masked: what it looks like, not what it says."""
    masked = re.sub(r"[^\W\d_]", lambda m: "A" if m.group().isupper() else "a", value.strip())
    return re.sub(r"\d", "9", masked)[:width]


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


def _all(values: list[str], test: Callable[[str], bool]) -> bool:
    return bool(values) and all(test(v) for v in values)


def _date_entry(values: list[str]) -> dict[str, Any] | None:
    fmt = date_format(values)
    if fmt:
        return {"field": "connected_on", "transform": "date", "format": fmt}
    if _all(values, _is_datetime):
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
    if _all(values, lambda v: "linkedin.com/" in v.lower()):
        return Guess({"field": "linkedin_url"}, 2 if field == "linkedin_url" else 1)
    parts = [p for v in values for p in _MULTI.split(v) if p.strip()]
    if _all(parts, lambda v: bool(_EMAIL.match(v.strip()))):
        # Several addresses in one cell ("a ::: b") go to `emails`, which takes a list.
        several = len(parts) > len(values)
        return Guess({"field": "emails" if several else "email"}, 2 if field == "email" else 1)
    dated = _date_entry(values)
    if dated is not None:
        return Guess(dated, 2 if field == "connected_on" else 1)
    if field is None:
        return _by_values(values)
    if values and (field == "connected_on" or (field in _SHAPES and not _fits(field, values))
                   or (field == "title" and _all(values, lambda v: _fold(v) in _HONORIFICS))):
        return None  # the header says one thing, the values another (or an honorific)
    if field == "name" and _all(values, lambda v: "," in v or len(v.split()) >= 2):
        return Guess({"field": "name", "transform": "split_name"}, 2)
    return Guess({"field": field}, 2 if values else 1)


_SHAPES = {"email": _EMAIL, "phone": _PHONE, "company_domain": _DOMAIN}


def _fits(field: str, values: list[str]) -> bool:
    """Most sample values have the shape of `field` (a few typos do not disqualify it)."""
    shape = _SHAPES[field]
    return sum(bool(shape.match(v.strip())) for v in values) * 2 > len(values)


def _by_values(values: list[str]) -> Guess | None:
    if _all(values, lambda v: bool(_DOMAIN.match(v.strip()))):
        return Guess({"field": "company_domain"}, 1)
    if _all(values, lambda v: bool(_PHONE.match(v.strip()))) and any(
            sum(c.isdigit() for c in v) >= 9 for v in values):
        return Guess({"field": "phone"}, 1)
    if _all(values, lambda v: bool(_AMOUNT.match(v.strip()))):
        return Guess({"field": "account.annual_revenue"}, 1)
    return None


def suggest_manifest(data: bytes, *, max_columns: int = 500,
                     reviewer: ManifestReviewer | None = None) -> dict[str, Any]:
    """A contact manifest (as a dict) for the file's columns; unsure columns are listed
    under `unmapped`, and `notes` say whether a reviewer changed it."""
    table = read_table(data, max_columns=max_columns)
    records = [r for _, r in itertools.islice(table.records(), SAMPLE)]
    samples = {name: [r[name] for r in records if r.get(name, "").strip()]
               for name in table.header}
    guesses = {name: guess_column(name, samples[name]) for name in table.header}
    notes: list[str] = []
    if reviewer is not None:
        notes = _review(reviewer, table.header, samples, guesses)
    columns = _chosen(table.header, guesses, samples)
    return {"entity": "contact",
            "columns": {n: e if len(e) > 1 else e["field"] for n, e in columns.items()},
            "unmapped": [n for n in table.header if n not in columns], "notes": notes}


def _chosen(header: list[str], guesses: dict[str, Guess | None],
            samples: dict[str, list[str]]) -> dict[str, dict[str, Any]]:
    """One column per field (the best guess), except the fallback fields; the other
    email columns become `emails`. In the file's column order."""
    order = {name: i for i, name in enumerate(header)}
    by_field: dict[str, list[str]] = {}
    for name in header:
        guess = guesses[name]
        if guess is not None:  # (a column of several addresses is an email column too)
            field = "email" if guess.field == "emails" else guess.field
            by_field.setdefault(field, []).append(name)
    chosen: dict[str, dict[str, Any]] = {}
    for field, names in by_field.items():
        ranked = sorted(names, key=lambda n: (-_score(guesses[n]), -len(samples[n]), order[n]))
        keep = ([n for n in names if samples[n]] or ranked[:1]) if field in _FALLBACK_FIELDS \
            else ranked[:1]
        chosen.update({n: _entry(guesses[n]) for n in keep})
        if field == "email":
            chosen.update({n: {"field": "emails"} for n in ranked[1:] if samples[n]})
            if any(_entry(guesses[n])["field"] == "emails" for n in names):
                # The cells hold lists: every address goes to `emails`, whose first one in
                # the file's column order becomes the primary email.
                chosen.update({n: {"field": "emails"} for n in names if n in chosen})
    return {n: chosen[n] for n in header if n in chosen}


def _score(guess: Guess | None) -> int:
    return guess.score if guess is not None else 0


def _entry(guess: Guess | None) -> dict[str, Any]:
    assert guess is not None
    return guess.entry


def _review(reviewer: ManifestReviewer, header: list[str], samples: dict[str, list[str]],
            guesses: dict[str, Guess | None]) -> list[str]:
    """Applies the reviewer's corrections that name a column of the file and a field a
    manifest may hold; returns notes on what it changed or why it was not used."""
    proposed = {n: g.field for n, g in guesses.items() if g is not None}
    shapes = {n: list(dict.fromkeys(shape(v) for v in values))[:3]
              for n, values in samples.items()}
    try:
        answer = reviewer.review(header, shapes, proposed)
    except RapportError as e:
        return [f"not reviewed by the LLM: {e.message}"]
    changed, ignored = [], []
    for column, field in answer.items():
        if column not in guesses or (field is not None and not _known_field(field)):
            ignored.append(f"{column}: {field}")
        elif field != proposed.get(column):
            guesses[column] = None if field is None else _reviewed_guess(field, samples[column])
            changed.append(f"{column}: {field or 'unmapped'}")
    notes = [f"reviewed by the LLM: {', '.join(changed) if changed else 'no change'}"]
    if ignored:
        notes.append(f"ignored from the LLM (no such column or field): {', '.join(ignored)}")
    return notes


def _known_field(field: str) -> bool:
    entity, _, name = field.rpartition(".")
    return (entity in ("", "contact") and name in CONTACT_FIELDS) or (
        entity == "account" and name in ACCOUNT_FIELDS)


def _reviewed_guess(field: str, values: list[str]) -> Guess:
    """The reviewer's field with the transform its values need; it outranks the header
    rules when two columns give one field."""
    if field == "connected_on":
        return Guess(_date_entry(values) or {"field": field, "transform": "date"}, 3)
    if field == "name" and _all(values, lambda v: "," in v or len(v.split()) >= 2):
        return Guess({"field": field, "transform": "split_name"}, 3)
    return Guess({"field": field}, 3)


def manifest_yaml(manifest: dict[str, Any]) -> str:
    unmapped = manifest.get("unmapped") or []
    body = {k: v for k, v in manifest.items() if k not in ("unmapped", "notes")}
    text = "".join(f"# {note}\n" for note in manifest.get("notes") or [])
    text += yaml.safe_dump(body, sort_keys=False, allow_unicode=True)
    if unmapped:
        text += "# not mapped (add them under columns if they hold a field):\n"
        text += "".join(f"#   {name}\n" for name in unmapped)
    return text

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
from typing import Any

import yaml

from graph.errors import RapportError
from graph.imports.mapping import ACCOUNT_FIELDS, CONTACT_FIELDS
from graph.imports.readers import read_table
from graph.imports.suggest_rules import Guess, date_entry, full_names, guess_column

SAMPLE = 50
# Fields several columns may give: the first filled one in a row wins (graph.imports.rowmap).
_FALLBACK_FIELDS = frozenset({"phone"})


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
    found = {name: guess for name in header if (guess := guesses[name]) is not None}
    by_field: dict[str, list[str]] = {}
    for name, guess in found.items():  # (a column of several addresses is an email column)
        by_field.setdefault("email" if guess.field == "emails" else guess.field, []).append(name)
    chosen: dict[str, dict[str, Any]] = {}
    for field, names in by_field.items():
        ranked = sorted(names, key=lambda n: (-found[n].score, -len(samples[n]), order[n]))
        keep = ([n for n in names if samples[n]] or ranked[:1]) if field in _FALLBACK_FIELDS \
            else ranked[:1]
        chosen.update({n: found[n].entry for n in keep})
        if field == "email":
            chosen.update({n: {"field": "emails"} for n in ranked[1:] if samples[n]})
            if any(found[n].field == "emails" for n in names):
                # The cells hold lists: every address goes to `emails`, whose first one in
                # the file's column order becomes the primary email.
                chosen.update({n: {"field": "emails"} for n in names if n in chosen})
    return {n: chosen[n] for n in header if n in chosen}


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
    for column, answered in answer.items():
        field = answered.removeprefix("contact.") if answered is not None else None
        if column not in guesses or (field is not None and not _known_field(field)):
            ignored.append(f"{column[:60]!r}: {str(field)[:60]!r}")  # the model's words
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
        return Guess(date_entry(values) or {"field": field, "transform": "date"}, 3)
    if field == "name" and full_names(values):
        return Guess({"field": field, "transform": "split_name"}, 3)
    return Guess({"field": field}, 3)


def manifest_yaml(manifest: dict[str, Any]) -> str:
    unmapped = manifest.get("unmapped") or []
    body = {k: v for k, v in manifest.items() if k not in ("unmapped", "notes")}
    text = "".join(_comment(note, "# ") for note in manifest.get("notes") or [])
    text += yaml.safe_dump(body, sort_keys=False, allow_unicode=True)
    if unmapped:
        text += "# not mapped (add them under columns if they hold a field):\n"
        text += "".join(_comment(name, "#   ") for name in unmapped)
    return text


def _comment(text: str, prefix: str) -> str:
    """Comment lines: a column name or note with a line break stays a comment (a header
    cell may hold one), so nothing in it can become part of the manifest."""
    return "".join(f"{prefix}{line}\n" for line in text.splitlines() or [""])

"""`rapport import suggest FILE`: a mapping manifest proposed for a CSV no profile matches,
from the header names and sample values (emails, names, phones, dates with their format,
companies and domains, amounts). The user edits it and passes it with `--mapping`."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from datetime import datetime
from typing import Any

import yaml

from graph.imports import normalize as norm
from graph.imports.readers import read_table

SAMPLE = 50
_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%m/%d/%Y", "%d.%m.%Y", "%d-%m-%Y", "%d %b %Y",
                 "%b %d, %Y", "%Y/%m/%d")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.I)
_PHONE = re.compile(r"^\+?[\d\s().-]{7,20}$")
_AMOUNT = re.compile(r"^(?:[€$£]|[A-Z]{3})?\s?-?\d[\d.,\s]*\s?(?:[€$£]|[A-Z]{3})?$")
_DOMAIN = re.compile(r"^(?:https?://)?(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)+/?$", re.I)
# (header words, field): the first whose words all appear in the folded header wins.
_HEADER_HINTS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("first",), "first_name"), (("given",), "first_name"), (("prenom",), "first_name"),
    (("last",), "last_name"), (("surname",), "last_name"), (("family",), "last_name"),
    (("linkedin",), "linkedin_url"), (("mail",), "email"),
    (("phone",), "phone"), (("mobile",), "phone"), (("tel",), "phone"),
    (("title",), "title"), (("position",), "title"), (("role",), "title"), (("job",), "title"),
    (("department",), "department"), (("city",), "city"), (("town",), "city"),
    (("country",), "country"), (("domain",), "company_domain"), (("website",), "company_domain"),
    (("company",), "company"), (("employer",), "company"), (("organi",), "company"),
    (("account",), "company"), (("firm",), "company"), (("entreprise",), "company"),
    (("empresa",), "company"), (("societe",), "company"),
    (("name",), "name"), (("nom",), "name"), (("nome",), "name"), (("contact",), "name"),
    (("person",), "name"),
    (("id",), "external_id"), (("since",), "connected_on"), (("connected",), "connected_on"),
    (("date",), "connected_on"),
)


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


def guess_column(header: str, values: list[str]) -> dict[str, Any] | None:
    """The manifest entry for one column, or None when nothing fits (left unmapped)."""
    if _all(values, lambda v: bool(_EMAIL.match(v.strip()))):
        return {"field": "email"}
    fmt = date_format(values)
    if fmt:
        return {"field": "connected_on", "transform": "date", "format": fmt}
    words = _fold(header)
    hint = next((f for keys, f in _HEADER_HINTS if all(k in words for k in keys)), None)
    if hint == "name" and _all(values, lambda v: "," in v or len(v.split()) >= 2):
        return {"field": "name", "transform": "split_name"}
    if hint in ("company_domain",) or (hint is None and _all(
            values, lambda v: bool(_DOMAIN.match(v.strip())))):
        return {"field": "company_domain"}
    if hint is None and _all(values, lambda v: bool(_PHONE.match(v.strip()))) and any(
            sum(c.isdigit() for c in v) >= 9 for v in values):
        return {"field": "phone"}
    if hint is None and _all(values, lambda v: bool(_AMOUNT.match(v.strip()))):
        return {"field": "account.annual_revenue"}
    if hint is None or hint == "connected_on":
        return None
    return {"field": hint}


def suggest_manifest(data: bytes, *, max_columns: int = 500) -> dict[str, Any]:
    """A contact manifest (as a dict) for the file's columns; unsure columns are listed."""
    table = read_table(data, max_columns=max_columns)
    records = [r for _, r in itertools.islice(table.records(), SAMPLE)]
    columns: dict[str, Any] = {}
    unmapped: list[str] = []
    taken: set[str] = set()
    for name in table.header:
        values = [r[name] for r in records if r.get(name, "").strip()]
        entry = guess_column(name, values)
        if entry is None or entry["field"] in taken:
            unmapped.append(name)
            continue
        taken.add(entry["field"])
        columns[name] = entry if len(entry) > 1 else entry["field"]
    return {"entity": "contact", "columns": columns, "unmapped": unmapped}


def manifest_yaml(manifest: dict[str, Any]) -> str:
    unmapped = manifest.get("unmapped") or []
    body = {k: v for k, v in manifest.items() if k != "unmapped"}
    text = yaml.safe_dump(body, sort_keys=False, allow_unicode=True)
    if unmapped:
        text += "# not mapped (add them under columns if they hold a field):\n"
        text += "".join(f"#   {name}\n" for name in unmapped)
    return text

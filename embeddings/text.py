"""The embedding text of an entity: its own fields and its graph context, as one sentence-like
line, and the hash that decides whether it must be embedded again.

Rows come from the `embeddings/source/<type>` queries. Amounts and sizes are given as bands
("EUR 1-2.5M") so a small price change does not re-embed and a query in words can match."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import Any

from embeddings.models import EntityType

Row = dict[str, Any]

_PRICE_BANDS = ((250_000, "under 250k"), (500_000, "250-500k"), (1_000_000, "500k-1M"),
                (2_500_000, "1-2.5M"), (5_000_000, "2.5-5M"), (10_000_000, "5-10M"),
                (25_000_000, "10-25M"))
_EMPLOYEE_BANDS = ((10, "micro (under 10 people)"), (50, "small (10-50 people)"),
                   (250, "mid-size (50-250 people)"), (1000, "large (250-1000 people)"),
                   (5000, "enterprise (1000-5000 people)"))


def price_band(amount: float | None, currency: str | None = "EUR") -> str | None:
    if amount is None:
        return None
    label = next((name for top, name in _PRICE_BANDS if amount < top), "over 25M")
    return f"{currency or 'EUR'} {label}"


def employee_band(employees: int | None) -> str | None:
    if employees is None:
        return None
    return next((name for top, name in _EMPLOYEE_BANDS if employees < top),
                "very large (over 5000 people)")


def _words(value: Any) -> str | None:
    """Enum-like values ('C_LEVEL', '06-PROPOSAL') as words."""
    if value is None or value == "":
        return None
    text = str(value)
    if text[:3].rstrip("-").isdigit():
        text = text[3:]
    return text.replace("_", " ").lower()


def _join(parts: Iterable[str | None], sep: str = ", ") -> str:
    return sep.join(p for p in parts if p)


def _place(row: Row) -> str | None:
    return _join((row.get("district"), row.get("city"), row.get("country")))


def contact_text(row: Row) -> str:
    employers = [e for e in row.get("employers") or [] if e and e[0]]
    work = _join(f"{e[0]} ({e[1]})" if e[1] else e[0] for e in employers[:2])
    role = _join((row.get("title"), _words(row.get("department")) and
                  f"{_words(row.get('department'))} department",
                  _words(row.get("seniority"))))
    parts = [row.get("name"), role, work and f"works at {work}",
             _place(row) and f"based in {_place(row)}"]
    if row.get("reports_to"):
        parts.append(f"reports to {row['reports_to'][0]}")
    if row.get("known_by"):
        parts.append(f"knows our {_join(sorted(row['known_by'])[:3])} well")
    return _join(parts, ". ")


def account_text(row: Row) -> str:
    parts = [row.get("name"), _join((row.get("industry"), _words(row.get("segment")))),
             employee_band(row.get("employees")), _place(row) and f"in {_place(row)}",
             _join((_words(row.get("stage")) and f"stage {_words(row.get('stage'))}",
                    _words(row.get("tier")) and f"{_words(row.get('tier'))} tier")),
             row.get("domain")]
    if row.get("parent"):
        parts.append(f"subsidiary of {row['parent'][0]}")
    return _join(parts, ". ")


def property_text(row: Row) -> str:
    size = row.get("size_m2")
    beds = row.get("bedrooms")
    facts = _join((_words(row.get("type")), size and f"{size:,.0f} m2",
                   beds and f"{beds} bedrooms", price_band(row.get("price"),
                                                          row.get("currency"))))
    parts = [row.get("title"), facts, _place(row) and f"in {_place(row)}",
             _words(row.get("status")),
             row.get("features") and f"features: {_join(row['features'])}",
             row.get("description")]
    return _join(parts, ". ")


def deal_text(row: Row) -> str:
    parts = [row.get("name"), row.get("account") and f"deal with {row['account'][0]}",
             _words(row.get("stage")) and f"stage {_words(row.get('stage'))}",
             price_band(row.get("amount"), row.get("currency")),
             row.get("property") and f"for {row['property'][0]}",
             row.get("next_step") and f"next step: {row['next_step']}"]
    return _join(parts, ". ")


TEXT_BUILDERS: Mapping[EntityType, Callable[[Row], str]] = MappingProxyType({
    "contact": contact_text, "account": account_text, "property": property_text,
    "deal": deal_text})


def embedding_text(entity_type: EntityType, row: Row) -> str:
    return TEXT_BUILDERS[entity_type](row)


def text_hash(text: str, model: str) -> str:
    """Changes with the text or the model, so either triggers re-embedding."""
    return hashlib.sha256(f"{model}\n{text}".encode()).hexdigest()[:32]

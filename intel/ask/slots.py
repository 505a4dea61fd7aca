"""Slot extraction: filters (stage, tier, city, amount, dates ...) from a folded question.

Entity mentions are masked before the vocabulary is matched, so "Horizonte Porto Stores"
never adds a city filter for Porto.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType

from graph.store import GraphStore
from intel.ask import vocab
from intel.ask.dates import DateWindow, parse_window
from intel.ask.linker import Entity, Refreshing
from intel.ask.text import contains_phrase, fold

_SCALE = MappingProxyType({"k": 1e3, "thousand": 1e3, "m": 1e6, "mm": 1e6, "million": 1e6,
                           "millions": 1e6, "bn": 1e9, "b": 1e9, "billion": 1e9})
_NUMBER = (r"(?:eur|€|\$|usd)?\s*(\d+(?:[.,]\d+)*)\s*"
           r"(k|m|mm|million|millions|bn|b|billion|thousand)?\b")
_MIN_WORDS = ("over", "above", "more than", "greater than", "at least", "bigger than",
              "larger than", "from")
_MAX_WORDS = ("under", "below", "less than", "at most", "up to", "cheaper than", "max")


@dataclass
class Slots:
    """Everything the planner read from the question besides its intent."""

    folded: str
    entities: list[Entity] = field(default_factory=list)
    target: str | None = None
    op: str = "list"
    values: dict[str, str] = field(default_factory=dict)
    deal_stages: tuple[str, ...] | None = None
    min_amount: float | None = None
    max_amount: float | None = None
    min_bedrooms: int | None = None
    window: DateWindow | None = None
    days: int | None = None

    def describe(self) -> list[str]:
        """The slots that were read, for the answer's reason."""
        said = [f"{k} {v}" for k, v in sorted(self.values.items())]
        said += [f"{e.kind.lower()} {e.name}" for e in self.entities]
        if self.deal_stages:
            said.append("stages " + ", ".join(self.deal_stages))
        if self.min_amount is not None:
            said.append(f"at least {self.min_amount:,.0f}")
        if self.max_amount is not None:
            said.append(f"at most {self.max_amount:,.0f}")
        if self.min_bedrooms is not None:
            said.append(f"{self.min_bedrooms}+ bedrooms")
        if self.window is not None:
            said.append(f"{self.window.phrase} ({self.window.start} to {self.window.end})")
        return said

    def entity(self, *kinds: str) -> Entity | None:
        return next((e for e in self.entities if e.kind in kinds), None)


class Vocabulary(Refreshing):
    """Filter values present in the graph (cities, industries ...), folded -> kind."""

    def __init__(self, store: GraphStore, ttl_s: float = 300.0) -> None:
        super().__init__(store, ttl_s)
        self._terms: dict[str, tuple[str, str]] = {}

    def terms(self) -> Mapping[str, tuple[str, str]]:
        self._refresh_if_stale()
        return self._terms

    def _load(self) -> None:
        terms: dict[str, tuple[str, str]] = {}
        for row in self.store.read("ask/vocabulary"):
            if row["value"]:
                terms[fold(row["value"])] = (row["kind"], fold(row["value"]))
        self._terms = terms


def _amount(text: str) -> float:
    number, scale = re.match(_NUMBER, text.strip()).groups()  # type: ignore[union-attr]
    digits = number.replace(",", "") if number.count(",") and "." not in number else number
    value = float(digits.replace(",", "."))
    return value * _SCALE.get(scale or "", 1.0)


def _amounts(slots: Slots, text: str) -> None:
    between = re.search(rf"between\s+({_NUMBER})\s+and\s+({_NUMBER})", text)
    if between:
        slots.min_amount, slots.max_amount = _amount(between.group(1)), _amount(between.group(4))
        return
    for words, attr in ((_MIN_WORDS, "min_amount"), (_MAX_WORDS, "max_amount")):
        pattern = "|".join(re.escape(w) for w in words)
        found = re.search(rf"\b(?:{pattern})\s+({_NUMBER})(?!\s*(?:days?|weeks?|months?|years?"
                          rf"|bed|%))", text)
        if found:
            setattr(slots, attr, _amount(found.group(1)))


def _bedrooms(slots: Slots, text: str) -> str:
    found = re.search(r"(?:at least\s+)?(\d+)\s*\+?\s*-?\s*(?:bed|beds|bedroom|bedrooms)\b", text)
    if found:
        slots.min_bedrooms = int(found.group(1))
        return text.replace(found.group(0), " ")
    return text


def _phrases(slots: Slots, text: str) -> None:
    tables: tuple[tuple[str, Mapping[str, object]], ...] = (
        ("account_stage", vocab.ACCOUNT_STAGES), ("tier", vocab.TIERS),
        ("property_type", vocab.PROPERTY_TYPES), ("status", vocab.PROPERTY_STATUS),
        ("seniority", vocab.SENIORITY), ("title", vocab.TITLES),
        ("lifecycle", vocab.LIFECYCLE), ("interaction_kind", vocab.INTERACTION_KINDS))
    for key, table in tables:
        for phrase in sorted(table, key=len, reverse=True):
            if contains_phrase(text, phrase):
                slots.values[key] = str(table[phrase])
                break
    for phrase in sorted(vocab.DEAL_STAGES, key=len, reverse=True):
        if contains_phrase(text, phrase):
            slots.deal_stages = vocab.DEAL_STAGES[phrase]
            break


def _target(text: str) -> str | None:
    best: tuple[int, str] | None = None
    for kind, nouns in vocab.TARGETS.items():
        for noun in nouns:
            found = re.search(rf"(?<![\w-]){re.escape(noun)}(?![\w-])", text)
            if found and (best is None or found.start() < best[0]):
                best = (found.start(), kind)
    return best[1] if best else None


def _op(text: str) -> str:
    if re.search(r"\b(how many|number of|count)\b", text):
        return "count"
    if re.search(r"\b(total|sum|how much|worth|value of|combined)\b", text):
        return "sum"
    return "list"


class SlotExtractor:
    """`extract()` fills Slots from folded text and its linked entities."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary

    def extract(self, folded: str, entities: list[Entity], today: date) -> Slots:
        slots = Slots(folded=folded, entities=entities)
        text = folded
        for entity in entities:  # "the X deal": the noun belongs to the name, not the subject
            text = re.sub(rf"{re.escape(entity.span)}(\s+(deal|account|company|opportunity)\b)?",
                          " ", text)
        slots.window = parse_window(text, today)
        if slots.window is not None:
            text = text.replace(slots.window.phrase, " ")
        found = re.search(r"\b(\d+)\s*days\b", text)
        slots.days = int(found.group(1)) if found else None
        text = _bedrooms(slots, text)
        _amounts(slots, text)
        _phrases(slots, text)
        text = self._graph_terms(slots, text)
        slots.target = _target(text)
        slots.op = _op(text)
        return slots

    def neutralize(self, text: str) -> str:
        """Graph values (cities, industries ...) replaced by their kind, so the intent
        classifier compares question shapes, not place names ("villas in Dubai")."""
        terms = self.vocabulary.terms()
        folded = fold(text)
        for phrase in sorted(terms, key=len, reverse=True):
            kind = terms[phrase][0]
            if kind != "department" and contains_phrase(folded, phrase):
                folded = re.sub(rf"(?<![\w]){re.escape(phrase)}(?![\w])", f"the {kind}", folded)
        return folded

    def _graph_terms(self, slots: Slots, text: str) -> str:
        terms = self.vocabulary.terms()
        for phrase in sorted(terms, key=len, reverse=True):
            kind, value = terms[phrase]
            if kind in slots.values or not contains_phrase(text, phrase):
                continue
            # Department names are common words ("people"): only "in X" or "X department".
            if kind == "department" and not (contains_phrase(text, f"{phrase} department")
                                             or contains_phrase(text, f"in {phrase}")):
                continue
            slots.values[kind] = value
            text = re.sub(rf"(?<![\w]){re.escape(phrase)}(?![\w])", " ", text)
        return text

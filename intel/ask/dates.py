"""Date phrases in questions ("next quarter", "in March", "last 30 days") to date windows."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_UNITS = {"day": 1, "days": 1, "week": 7, "weeks": 7, "month": 30, "months": 30,
          "year": 365, "years": 365}
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "twelve": 12, "thirty": 30, "ninety": 90}


@dataclass(frozen=True)
class DateWindow:
    """A closed window [start, end] of days, with the phrase it came from."""

    start: date
    end: date
    phrase: str


def _quarter(day: date, shift: int) -> tuple[date, date]:
    index = (day.year * 4 + (day.month - 1) // 3) + shift
    year, q = divmod(index, 4)
    start = date(year, q * 3 + 1, 1)
    end_month = q * 3 + 3
    return start, date(year, end_month, calendar.monthrange(year, end_month)[1])


def _month(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _shift_month(day: date, shift: int) -> tuple[date, date]:
    index = day.year * 12 + day.month - 1 + shift
    return _month(index // 12, index % 12 + 1)


def _relative(today: date, text: str) -> DateWindow | None:
    rules: tuple[tuple[str, int, str], ...] = (
        ("quarter", 0, "this"), ("quarter", 1, "next"), ("quarter", -1, "last"),
        ("month", 0, "this"), ("month", 1, "next"), ("month", -1, "last"),
        ("year", 0, "this"), ("year", 1, "next"), ("year", -1, "last"))
    for unit, shift, word in rules:
        for phrase in (f"{word} {unit}", *((f"previous {unit}",) if word == "last" else ()),
                       *((f"current {unit}",) if word == "this" else ())):
            if phrase in text:
                if unit == "quarter":
                    start, end = _quarter(today, shift)
                elif unit == "month":
                    start, end = _shift_month(today, shift)
                else:
                    start, end = date(today.year + shift, 1, 1), date(today.year + shift, 12, 31)
                return DateWindow(start, end, phrase)
    return None


def _span(today: date, text: str) -> DateWindow | None:
    found = re.search(r"\b(next|last|past|coming)\s+(\d+|[a-z]+)\s+(days?|weeks?|months?|years?)\b",
                      text)
    if not found:
        return None
    word, amount, unit = found.groups()
    count = int(amount) if amount.isdigit() else _NUMBERS.get(amount)
    if count is None:
        return None
    length = timedelta(days=count * _UNITS[unit])
    if word in ("next", "coming"):
        return DateWindow(today, today + length, found.group(0))
    return DateWindow(today - length, today, found.group(0))


def _named(today: date, text: str) -> DateWindow | None:
    found = re.search(r"\bq([1-4])(?:\s+(\d{4}))?\b", text)
    if found:
        year = int(found.group(2) or today.year)
        start, end = _quarter(date(year, (int(found.group(1)) - 1) * 3 + 1, 1), 0)
        return DateWindow(start, end, found.group(0))
    months = "|".join(sorted(_MONTHS, key=len, reverse=True))
    found = re.search(rf"\b(?:in|during|for|by)\s+({months})\b(?:\s+(\d{{4}}))?", text)
    if found:
        month = _MONTHS[found.group(1)]
        year = int(found.group(2)) if found.group(2) else (
            today.year if month >= today.month else today.year + 1)
        start, end = _month(year, month)
        return DateWindow(start, end, found.group(0))
    found = re.search(r"\b(?:in|during)\s+(20\d\d)\b", text)
    if found:
        year = int(found.group(1))
        return DateWindow(date(year, 1, 1), date(year, 12, 31), found.group(0))
    return None


def _simple(today: date, text: str) -> DateWindow | None:
    if re.search(r"\b(end of (the )?year|year end|this year end)\b", text):
        return DateWindow(today, date(today.year, 12, 31), "by end of year")
    if "today" in text:
        return DateWindow(today, today, "today")
    if "this week" in text:
        start = today - timedelta(days=today.weekday())
        return DateWindow(start, start + timedelta(days=6), "this week")
    if "next week" in text:
        start = today - timedelta(days=today.weekday()) + timedelta(days=7)
        return DateWindow(start, start + timedelta(days=6), "next week")
    return None


def parse_window(folded: str, today: date) -> DateWindow | None:
    """The first date phrase in folded question text, as a window of days."""
    for rule in (_span, _relative, _named, _simple):
        window = rule(today, folded)
        if window is not None:
            return window
    return None

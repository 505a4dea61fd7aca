"""Option parsing shared by the CLI commands: bad values end as one clear error line."""

from __future__ import annotations

from datetime import UTC, date, datetime

from graph.errors import InvalidInput


def parse_day(text: str, option: str = "--as-of") -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError as e:
        raise InvalidInput(f"{option} {text!r}: expected a date like 2026-11-22") from e


def day_start(day: date) -> datetime:
    """Midnight UTC at the start of `day`."""
    return datetime(day.year, day.month, day.day, tzinfo=UTC)

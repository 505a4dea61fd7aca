"""Rows for PostgreSQL's `COPY ... FROM STDIN` in its text format, built as one string per
block of rows. psycopg's `write_row` adapts every cell through its dumpers (a JSON cell
is serialised, then escaped, cell by cell); a change log of 100,000s of rows spent more
time there than the database did loading them."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from graph import jsontext

NULL = "\\N"
_SPECIAL = re.compile(r"[\\\t\n\r]")
_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def text(value: str | None) -> str:
    """A text cell: backslash, tab and line breaks escaped."""
    return NULL if value is None else value.translate(_ESCAPES)


def texts(values: Sequence[str | None]) -> list[str]:
    """Text cells of one line: one search for characters to escape, in all of them."""
    if _SPECIAL.search("".join(v for v in values if v is not None)) is None:
        return [NULL if v is None else v for v in values]
    return [text(v) for v in values]


def json_text(encoded: str | None) -> str:
    """A json/jsonb cell from JSON text: JSON escapes every control character, so only
    its backslashes need doubling."""
    return NULL if encoded is None else encoded.replace("\\", "\\\\")


def json_cell(value: Any) -> str:
    """A json/jsonb cell from a JSON value (None: SQL NULL)."""
    return NULL if value is None else json_text(jsontext.dumps(value))


def json_cell_of(encoded: str | None, value: Any) -> str:
    """A json/jsonb cell from JSON text written already, else from the value."""
    return json_text(encoded) if encoded is not None else json_cell(value)


def int_array(values: Iterable[int]) -> str:
    return "{" + ",".join(str(int(v)) for v in values) + "}"


def blocks(lines: Iterable[str], size: int = 2000) -> Iterator[str]:
    """Lines (each ending in a newline) joined into blocks of `size` lines."""
    block: list[str] = []
    for line in lines:
        block.append(line)
        if len(block) >= size:
            yield "".join(block)
            block = []
    if block:
        yield "".join(block)

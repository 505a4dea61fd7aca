"""vCard files -> cards of property values: 3.0 and 4.0, and the 2.1 cards that Outlook and
older phones still export (quoted-printable values in a declared charset, soft line
breaks). Line numbers are the file's."""

from __future__ import annotations

import quopri
from dataclasses import dataclass

from graph.imports.errors import ImportFormatError
from graph.imports.readers import decode


@dataclass
class Card:
    line: int
    fields: dict[str, list[str]]  # property name (upper case, no parameters) -> values
    raw: dict[str, str]


def vunescape(value: str) -> str:
    return (value.replace("\\n", "\n").replace("\\N", "\n").replace("\\,", ",")
            .replace("\\;", ";").replace("\\\\", "\\"))


def read_vcards(data: bytes) -> list[Card]:
    text, _ = decode(data)
    cards: list[Card] = []
    current: Card | None = None
    for number, line in _unfolded(text):
        upper = line.strip().upper()
        if upper == "BEGIN:VCARD":
            current = Card(number, {}, {})
            continue
        if upper == "END:VCARD":
            if current is not None:
                cards.append(current)
            current = None
            continue
        if current is None:
            raise ImportFormatError(f"line {number}: text outside BEGIN:VCARD/END:VCARD")
        name_part, sep, value = line.partition(":")
        if not sep:
            raise ImportFormatError(f"line {number}: not a vCard property: {line[:40]!r}")
        params = name_part.split(";")
        name = params[0].split(".")[-1].upper()
        if _quoted_printable(params):
            value = _decode_quoted_printable(value, _charset(params))
        current.fields.setdefault(name, []).append(value)
        key = name if name not in current.raw else f"{name} ({len(current.fields[name])})"
        current.raw[key] = value
    if current is not None:
        raise ImportFormatError("the last vCard has no END:VCARD")
    if not cards:
        raise ImportFormatError("no vCard (BEGIN:VCARD) found")
    return cards


def _unfolded(text: str) -> list[tuple[int, str]]:
    """Logical lines with the line each starts on. A folded line continues after a space or
    tab; a quoted-printable value (vCard 2.1) continues after a line ending in "=", and
    its next line need not be indented (Outlook and Android write it at the margin)."""
    unfolded: list[tuple[int, str]] = []
    soft_break = False
    for number, line in enumerate(text.splitlines(), start=1):
        if unfolded and (soft_break or line[:1] in (" ", "\t")):
            prev_line, prev = unfolded[-1]
            if soft_break:
                prev = prev[:-1]  # the "=" of the soft line break
            unfolded[-1] = (prev_line, prev + (line[1:] if line[:1] in (" ", "\t") else line))
        elif line.strip():
            unfolded.append((number, line))
        else:
            continue
        head, _, value = unfolded[-1][1].partition(":")
        soft_break = value.endswith("=") and _quoted_printable(head.split(";"))
    return unfolded


def _quoted_printable(params: list[str]) -> bool:
    """2.1 writes `ENCODING=QUOTED-PRINTABLE` or the bare `QUOTED-PRINTABLE`."""
    return any(p.strip().upper().removeprefix("ENCODING=") == "QUOTED-PRINTABLE"
               for p in params[1:])


def _charset(params: list[str]) -> str:
    for p in params[1:]:
        key, _, value = p.partition("=")
        if key.strip().upper() == "CHARSET" and value.strip():
            return value.strip().strip('"')
    return "utf-8"


def _decode_quoted_printable(value: str, charset: str) -> str:
    raw = quopri.decodestring(value.encode("utf-8"))
    try:
        return raw.decode(charset)
    except (LookupError, UnicodeDecodeError):
        # An unknown charset, or bytes that are not in it: Latin-1 reads every byte.
        return raw.decode("latin-1")

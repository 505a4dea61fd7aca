"""JSON text for what the evidence store keeps: raw and staged rows, a batch's plans, the
change log. A large import writes and reads millions of these values; orjson does it in a
fraction of the time the json module takes, to the same JSON."""

from __future__ import annotations

import json
from typing import Any

import orjson

_DIGITS_ONLY = bytes(ord("0") if chr(b).isdigit() and b < 128 else ord(" ")
                     for b in range(256))  # a table for bytes.translate
_TWENTY_DIGITS = b"0" * 20


def dumps(value: Any) -> str:
    """Compact JSON text. A value orjson declines (an integer past 64 bits) goes through
    the json module; NaN and infinity become null (PostgreSQL's jsonb has no NaN)."""
    try:
        return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS).decode()
    except orjson.JSONEncodeError:
        return json.dumps(value, separators=(",", ":"))


def loads(text: str | bytes) -> Any:
    """The value of JSON text. orjson reads an integer past 64 bits as a float, so text
    with a run of 20 digits or more (rare: such an integer, or long digits in a string)
    goes through the json module."""
    raw = text.encode() if isinstance(text, str) else text
    # Every digit as "0", anything else as a space: then one substring search (a regex
    # took six times as long as orjson's own reading).
    if _TWENTY_DIGITS in raw.translate(_DIGITS_ONLY):
        return json.loads(text)
    return orjson.loads(text)

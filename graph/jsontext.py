"""JSON text for what the evidence store keeps: raw and staged rows, a batch's plans, the
change log. A large import writes and reads millions of these values; orjson does it in a
fraction of the time the json module takes, to the same JSON."""

from __future__ import annotations

import json
from typing import Any

import orjson


def dumps(value: Any) -> str:
    """Compact JSON text. A value orjson declines (an integer past 64 bits) goes through
    the json module; NaN and infinity become null (PostgreSQL's jsonb has no NaN)."""
    try:
        return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS).decode()
    except orjson.JSONEncodeError:
        return json.dumps(value, separators=(",", ":"))


def loads(text: str | bytes) -> Any:
    return orjson.loads(text)

"""The CYPHER parameter header FalkorDB reads parameters from, written faster than the client
writes it, and to the same text.

The client's `stringify_param_value` is one recursive Python call per value, through a
chain of `isinstance` checks. A bulk write sends 10,000s of rows of ten values each: an
import's approve spent a third of its time there. Here the common exact types are written
inline into one list of pieces, joined once; anything else (a subclass, bytes, a value of
another type) goes to the client's function, so the text is the same either way.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any


def header(params: dict[str, Any] | None) -> str:
    """`CYPHER key=value ... ` for `params` ('' for none)."""
    if not params:
        return ""
    return "CYPHER " + " ".join(f"`{key}`={_top(value)}" for key, value in params.items()) + " "


def literal(value: Any) -> str:
    """One value as a Cypher literal: the text of the client's `stringify_param_value`."""
    out: list[str] = []
    _write(value, out)
    return "".join(out)


def _top(value: Any) -> str:
    if hasattr(value, "dtype") and str(value.dtype) == "float32" and value.ndim == 1:
        # A query vector: one format with 9 significant digits, exact for float32 (the
        # client's call per number, 384 in every vector search, was a twentieth of the
        # API's time under load).
        return f"[{_float32_format(len(value)) % tuple(value.tolist())}]"
    return literal(value)


def _write(value: Any, out: list[str]) -> None:
    """Append `value`'s text to `out` (joined once, at the end). Exact types only: a
    subclass (a str enum) may print differently, so the client writes it."""
    kind = type(value)
    if kind is str:
        if "\\" in value or '"' in value:
            value = value.replace("\\", "\\\\").replace('"', '\\"')
        out.append(f'"{value}"')
    elif kind is dict:
        _write_map(value, out)
    elif kind is list or kind is tuple:
        out.append("[")
        for i, item in enumerate(value):
            if i:
                out.append(",")
            _write(item, out)
        out.append("]")
    elif kind is int or kind is float or kind is bool:
        out.append(str(value))
    elif value is None:
        out.append("null")
    else:
        out.append(_client(value))


def _write_map(value: dict[Any, Any], out: list[str]) -> None:
    keys = tuple(value)
    out.append("{")
    for text, item in zip(_string_keys(keys) or _key_texts(keys), value.values(), strict=True):
        if type(item) is str and '"' not in item and "\\" not in item:
            out.append(f'{text}"{item}"')  # most values: a string with nothing to escape
        else:
            out.append(text)
            _write(item, out)
    out.append("}")


@lru_cache(maxsize=1024)
def _string_keys(keys: tuple[Any, ...]) -> tuple[str, ...] | None:
    """The keys' text when all are plain strings (the rows of a bulk write share a few sets
    of those), else None. Looked up by equality, so other keys are never answered from
    here: 1 and True are the same key to a cache, and a string never equals a number."""
    if not all(type(key) is str for key in keys):
        return None
    return _key_texts(keys)


def _key_texts(keys: tuple[Any, ...]) -> tuple[str, ...]:
    """`` `key`: `` for each key (after a comma but the first), as the client writes and
    checks them."""
    return tuple(("," if i else "") + _key(key) for i, key in enumerate(keys))


def _key(key: Any) -> str:
    text = key.decode() if isinstance(key, bytes) else str(key)
    if text == "":
        raise ValueError("Cypher map key cannot be empty")
    if "`" in text:
        raise ValueError(f"Cypher map key cannot contain a backtick: {text!r} (FalkorDB does "
                         "not support escaped backticks in identifiers)")
    return f"`{text}`:"


def _client(value: Any) -> str:
    from falkordb.helpers import stringify_param_value

    return str(stringify_param_value(value))


@lru_cache(maxsize=8)
def _float32_format(count: int) -> str:
    return ",".join(["%.9g"] * count)

"""Rewrites of a checked query: literals become parameters, LIMIT is added or capped."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from intel.cypher_guard.lexer import Token, unquote

# A number right after one of these is a value; after '*' or '..' it is a hop count.
_VALUE_BEFORE = frozenset({"=", "<", ">", "<=", ">=", "<>", ",", "[", "(", ":", "+", "/",
                           "IN", "AND", "OR", "THEN", "ELSE", "RETURN", "WITH", "-"})


@dataclass(frozen=True)
class Rewritten:
    text: str
    params: dict[str, Any]
    limit_added: bool


def _prev(tokens: list[Token], n: int) -> Token | None:
    for token in reversed(tokens[:n]):
        if token.kind not in ("space", "comment"):
            return token
    return None


def _number(text: str) -> int | float:
    return float(text) if any(c in text for c in ".eE") else int(text)


def parameterize(tokens: list[Token], given: dict[str, Any]) -> tuple[list[Token], dict[str, Any]]:
    """Strings and value numbers become `$lit_N` parameters (comments are dropped)."""
    params = dict(given)
    out: list[Token] = []
    for n, token in enumerate(tokens):
        if token.kind == "comment":
            out.append(Token("space", " "))
            continue
        prev = _prev(tokens, n)
        is_value_number = token.kind == "number" and prev is not None and (
            prev.upper in _VALUE_BEFORE) and not _after_limit(tokens, n)
        if token.kind == "string" or is_value_number:
            name = f"lit_{len(params)}"
            params[name] = unquote(token) if token.kind == "string" else _number(token.text)
            out.append(Token("param", f"${name}"))
            continue
        out.append(token)
    return out, params


def _after_limit(tokens: list[Token], n: int) -> bool:
    prev = _prev(tokens, n)
    return prev is not None and prev.upper in ("LIMIT", "SKIP")


def cap_limit(tokens: list[Token], max_rows: int) -> tuple[str, bool]:
    """Cap every literal LIMIT at max_rows; add one to the last RETURN when it has none."""
    out = [Token("number", str(min(int(t.text), max_rows)))
           if t.kind == "number" and _after_limit(tokens, i) and t.text.isdigit() else t
           for i, t in enumerate(tokens)]
    upper = [t.upper for t in out if t.kind == "name"]
    last_return = max((i for i, w in enumerate(upper) if w == "RETURN"), default=-1)
    has_limit = "LIMIT" in upper[last_return:] if last_return >= 0 else True
    text = "".join(t.text for t in out).strip()
    if not has_limit:
        return f"{text} LIMIT {max_rows}", True
    return text, False

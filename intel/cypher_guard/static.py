"""Static read-only check: no write clause, no procedure off the allowlist, one statement."""

from __future__ import annotations

from intel.cypher_guard.errors import GuardRejected
from intel.cypher_guard.lexer import Token

WRITE_WORDS = frozenset({"CREATE", "MERGE", "DELETE", "DETACH", "SET", "REMOVE", "DROP",
                         "FOREACH", "LOAD", "ALTER", "GRANT", "DENY", "REVOKE", "RENAME",
                         "TERMINATE", "START", "STOP", "ENABLE", "DISABLE", "USE", "INSERT",
                         "FINISH", "PERIODIC"})
ALLOWED_PROCEDURES = frozenset({"db.labels", "db.relationshiptypes", "db.propertykeys",
                                "db.idx.fulltext.querynodes", "db.idx.vector.querynodes",
                                "db.index.fulltext.querynodes", "db.index.vector.querynodes"})


def _procedure(tokens: list[Token], start: int) -> str:
    parts: list[str] = []
    for token in tokens[start:]:
        if token.kind == "name" or (token.kind == "punct" and token.text == "."):
            parts.append(token.text)
        else:
            break
    return "".join(parts).lower()


def _is_key(tokens: list[Token], n: int) -> bool:
    """`w.start` or `{start: 1}`: a property name, not a keyword."""
    before = tokens[n - 1].text if n else ""
    after = tokens[n + 1].text if n + 1 < len(tokens) else ""
    return before == "." or (after == ":" and before in ("{", ","))


def check_read_only(tokens: list[Token]) -> None:
    """Raise GuardRejected('unsafe') on anything that could write or escape the graph.

    Tokens are significant ones (no comments): a keyword inside a string is a value and
    passes; the same word as a bare name is refused even where Cypher would read it as a
    variable, because a false refusal costs one fallback and a false pass costs data."""
    for n, token in enumerate(tokens):
        if token.kind == "punct" and token.text == ";" and any(
                t.kind != "punct" or t.text != ";" for t in tokens[n + 1:]):
            raise GuardRejected("unsafe", "one statement only: ';' separates statements")
        if token.kind != "name" or _is_key(tokens, n):
            continue
        word = token.upper
        if word in WRITE_WORDS:
            raise GuardRejected("unsafe", f"write clause {word} is not allowed: ask only reads")
        if word == "CALL":
            name = _procedure(tokens, n + 1)
            if name and name not in ALLOWED_PROCEDURES:
                raise GuardRejected("unsafe", f"procedure {name} is not on the allowlist")
            if not name and n + 1 < len(tokens) and tokens[n + 1].text == "{":
                continue  # a CALL { } subquery: its own clauses are checked like the rest
        if word == "APOC" or word.startswith("GDS"):
            raise GuardRejected("unsafe", f"{token.text} procedures are not allowed")

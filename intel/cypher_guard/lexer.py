"""A small Cypher lexer: enough to tell keywords from text inside strings and comments.

Input is normalised first (NFKC folds full-width and other look-alike letters; format
characters such as zero-width spaces are dropped) so neither full-width letters nor a
zero-width space inside DELETE can hide a write from the keyword check.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

Kind = Literal["space", "comment", "string", "name", "quoted", "param", "number", "punct"]

_TOKEN = re.compile(r"""
    (?P<space>\s+)
  | (?P<comment>//[^\n]*|/\*.*?(?:\*/|\Z))
  | (?P<string>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")
  | (?P<quoted>`(?:[^`]|``)*`)
  | (?P<param>\$[A-Za-z_]\w*)
  | (?P<number>\d+\.\d+(?:[eE][-+]?\d+)?|\d+(?:[eE][-+]?\d+)?)
  | (?P<name>[A-Za-z_]\w*)
  | (?P<punct><>|<=|>=|->|<-|\.\.|=~|\+=|.)
""", re.VERBOSE | re.DOTALL)


class LexError(ValueError):
    """The text is not tokenisable (an unterminated string, for one)."""


@dataclass(frozen=True)
class Token:
    kind: Kind
    text: str

    @property
    def upper(self) -> str:
        return self.text.upper()


def normalize(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in folded if unicodedata.category(ch) != "Cf")


def tokenize(text: str) -> list[Token]:
    """Tokens of normalised text; comments are kept as tokens so callers can drop them."""
    tokens: list[Token] = []
    position = 0
    while position < len(text):
        found = _TOKEN.match(text, position)
        if found is None or found.lastgroup is None:
            raise LexError(f"cannot read the query at character {position}")
        value = found.group(0)
        if found.lastgroup == "punct" and value in "'\"`":
            raise LexError(f"unterminated {value} at character {position}")
        tokens.append(Token(found.lastgroup, value))  # type: ignore[arg-type]
        position = found.end()
    return tokens


def significant(tokens: list[Token]) -> list[Token]:
    return [t for t in tokens if t.kind not in ("space", "comment")]


def unquote(token: Token) -> str:
    """A string literal's value."""
    body = token.text[1:-1]
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), body)

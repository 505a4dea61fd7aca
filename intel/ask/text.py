"""Text folding shared by the planner's parts: case- and accent-insensitive matching."""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"[a-z0-9][a-z0-9@._+'&-]*")
_POSSESSIVE = re.compile(r"(?<=\w)['\u2019]s\b")


def fold(text: str) -> str:
    """Lower case, accents stripped, possessive 's dropped, spaces collapsed."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = _POSSESSIVE.sub("", plain.casefold().replace("\u0142", "l").replace("\u00f8", "o"))
    return " ".join(plain.split())


def words(folded: str) -> list[str]:
    """Word tokens of folded text, trailing punctuation dropped."""
    return [w.rstrip(".,;:!?'-") for w in _WORD.findall(folded)]


def contains_phrase(folded: str, phrase: str) -> bool:
    """Whole-word phrase test on folded text."""
    return re.search(rf"(?<![\w]){re.escape(phrase)}(?![\w])", folded) is not None

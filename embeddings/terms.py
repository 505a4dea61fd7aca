"""Query terms: the words a full-text index is asked for, in each engine's syntax, and the
ones a hit shares with the query (part of why it matched)."""

from __future__ import annotations

import re
from functools import lru_cache

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_STOP = frozenset((
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "into", "is", "it",
    "of", "on", "or", "our", "the", "to", "we", "who", "with"))


def terms(text: str) -> tuple[str, ...]:
    """Distinct lower-case words of the query, without stop words, in order."""
    seen: dict[str, None] = {}
    for word in _WORD.findall(text.lower()):
        if len(word) > 1 and word not in _STOP:
            seen.setdefault(word, None)
    return tuple(seen)


def fulltext_query(words: tuple[str, ...], dialect: str) -> str | None:
    """Any of the words: RediSearch `a|b` on FalkorDB, Lucene `a OR b` on Neo4j. Words are
    letters and digits only, so neither syntax sees an operator from the user."""
    if not words:
        return None
    return "|".join(words) if dialect == "falkordb" else " OR ".join(words)


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") else word


@lru_cache(maxsize=16384)
def matched_terms(words: tuple[str, ...], text: str | None) -> tuple[str, ...]:
    """Query words found in the hit's text (a plural matches its singular). Remembered:
    one fusion asks it about each hit three times (ranking, ordering, explaining)."""
    if not text:
        return ()
    present = _words_of(text)
    return tuple(w for w in words if _singular(w) in present)


@lru_cache(maxsize=8192)
def _words_of(text: str) -> frozenset[str]:
    # Remembered: one fusion asks about each hit several times, and the same entities come
    # up in many searches (tokenising them was a tenth of a search's time).
    return frozenset(_singular(w) for w in _WORD.findall(text.lower()))

"""Entity linking: names, emails, domains and ids in a question to graph ids.

The index holds every account, member, contact and deal name (folded: case and accents
ignored), read from the graph through `cypher/ask/names_*`. Matching is longest phrase
first, so "Harbour Real Estate portfolio buy" links the deal, not the account inside it.
"""

from __future__ import annotations

import re
import time
from abc import ABC, abstractmethod
from dataclasses import dataclass

from graph.store import GraphStore
from intel.ask.text import fold

KINDS = ("Account", "Member", "Contact", "Deal")
_QUERIES = {"Account": "ask/names_accounts", "Member": "ask/names_members",
            "Contact": "ask/names_contacts", "Deal": "ask/names_deals"}
_ID = re.compile(r"\b(acc|mem|ct|deal|prop|int)_\d+\b")
_ID_KIND = {"acc": "Account", "mem": "Member", "ct": "Contact", "deal": "Deal",
            "prop": "Property", "int": "Interaction"}
_MAX_WORDS = 8
# Which kind wins when one phrase names several (a member and a contact share a name).
_PRIORITY = {"Deal": 0, "Account": 1, "Member": 2, "Contact": 3}


@dataclass(frozen=True)
class Entity:
    """One linked mention: `span` is the folded text it covered."""

    kind: str
    id: str
    name: str
    span: str
    candidates: int = 1


@dataclass(frozen=True)
class _Entry:
    kind: str
    id: str
    name: str


class Refreshing(ABC):
    """Data read from the graph and kept for `ttl_s` seconds (the graph changes slowly)."""

    def __init__(self, store: GraphStore, ttl_s: float = 300.0) -> None:
        self.store = store
        self.ttl_s = ttl_s
        self._loaded_at = float("-inf")

    def refresh(self) -> None:
        self._load()
        self._loaded_at = time.monotonic()

    def _refresh_if_stale(self) -> None:
        if time.monotonic() - self._loaded_at > self.ttl_s:
            self.refresh()

    @abstractmethod
    def _load(self) -> None: ...


class NameIndex(Refreshing):
    """Folded phrase -> graph entries; reloaded when older than `ttl_s`."""

    def __init__(self, store: GraphStore, ttl_s: float = 300.0) -> None:
        super().__init__(store, ttl_s)
        self._phrases: dict[str, list[_Entry]] = {}
        self._names: dict[str, str] = {}

    def lookup(self, phrase: str) -> list[_Entry]:
        self._refresh_if_stale()
        return self._phrases.get(phrase, [])

    def name_of(self, node_id: str) -> str | None:
        self._refresh_if_stale()
        return self._names.get(node_id)

    def _load(self) -> None:
        phrases: dict[str, list[_Entry]] = {}
        names: dict[str, str] = {}
        for kind in KINDS:
            for row in self.store.read(_QUERIES[kind]):
                entry = _Entry(kind, row["id"], row["name"] or row["id"])
                names[entry.id] = entry.name
                for text in (row["name"], row["alias"]):
                    if text:
                        phrases.setdefault(fold(text), []).append(entry)
        self._phrases, self._names = phrases, names


class EntityLinker:
    """`link()` finds the mentions in folded text, longest first, without overlaps."""

    def __init__(self, index: NameIndex) -> None:
        self.index = index

    def link(self, folded: str) -> list[Entity]:
        found = [self._by_id(m.group(0)) for m in _ID.finditer(folded)]
        tokens = folded.replace("?", " ").replace(",", " ").split()
        taken = [False] * len(tokens)
        for size in range(min(_MAX_WORDS, len(tokens)), 0, -1):
            for start in range(len(tokens) - size + 1):
                if any(taken[start:start + size]):
                    continue
                phrase = " ".join(tokens[start:start + size]).strip(".;:!")
                entity = self._best(phrase)
                if entity is not None:
                    found.append(entity)
                    taken[start:start + size] = [True] * size
        return [e for e in found if e is not None]

    def _by_id(self, node_id: str) -> Entity | None:
        kind = _ID_KIND[node_id.split("_")[0]]
        return Entity(kind, node_id, self.index.name_of(node_id) or node_id, node_id)

    def _best(self, phrase: str) -> Entity | None:
        entries = self.index.lookup(phrase)
        if not entries:
            return None
        kind = min((e.kind for e in entries), key=lambda k: _PRIORITY[k])
        same = sorted((e for e in entries if e.kind == kind), key=lambda e: e.id)
        first = same[0]
        return Entity(kind, first.id, first.name, phrase, candidates=len(same))

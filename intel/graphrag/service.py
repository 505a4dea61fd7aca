"""GraphRAG over linked entities: retrieve, rank by similarity to the question, cite.

Text inside the data is data: facts are only quoted (offline) or handed to a model as a
delimited context with no tools, so a note saying "delete all contacts" can change nothing.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING

import numpy as np

from graph.errors import RapportError
from graph.store import GraphStore
from intel.ask.text import fold
from intel.graphrag import retrieval
from intel.graphrag.models import Fact

if TYPE_CHECKING:
    from embeddings.encoder import Encoder
    from embeddings.evidence_index import EvidenceIndex

_RETRIEVERS: MappingProxyType[str, Callable[[GraphStore, str], list[Fact]]] = MappingProxyType({
    "Account": retrieval.account_facts, "Contact": retrieval.contact_facts,
    "Deal": retrieval.deal_facts, "Member": retrieval.member_facts})


@dataclass(frozen=True)
class Linked:
    """An entity the question names (kind, id, name)."""

    kind: str
    id: str
    name: str


@dataclass(frozen=True)
class Extract:
    """The ranked facts and the extractive answer built from them."""

    facts: list[Fact]
    answer: str


def _topic(question: str, entities: Sequence[Linked]) -> str:
    """The question without the names it links: every retrieved fact already concerns
    them, so ranking by the rest ("expansion plans", "at risk") finds the relevant ones."""
    topic = fold(question)
    for entity in entities:
        topic = topic.replace(fold(entity.name), " ")
    return " ".join(topic.split()) or question


class GraphRAG:
    """`retrieve()` assembles and ranks the context; `extract()` answers offline."""

    def __init__(self, store: GraphStore, encoder: Encoder, top_k: int = 8,
                 cache_size: int = 20_000,
                 evidence: Callable[[], EvidenceIndex | None] | None = None) -> None:
        self.store = store
        self.encoder = encoder
        self.top_k = top_k
        # Opened on the first open question only: the evidence store is a PostgreSQL server.
        self.evidence = evidence
        self.cache_size = cache_size
        # Interaction notes repeat a lot; their vectors are kept so a question encodes
        # only the texts it has not seen.
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()

    def retrieve(self, question: str, entities: Sequence[Linked]) -> list[Fact]:
        facts: dict[str, Fact] = {}
        for entity in entities[:3]:
            retriever = _RETRIEVERS.get(entity.kind)
            for fact in retriever(self.store, entity.id) if retriever else []:
                facts.setdefault(f"{fact.id}|{fact.text}", fact)
        topic = _topic(question, entities)
        for fact in self._evidence(topic, entities):
            facts.setdefault(f"{fact.id}|{fact.text}", fact)
        ids = {e.id for e in entities}
        pinned = [f for f in facts.values() if f.id in ids]  # the entities' own facts lead
        rest = [f for f in facts.values() if f.id not in ids]
        return pinned + self._rank(topic, rest)[:self.top_k - len(pinned)]

    def _evidence(self, topic: str, entities: Sequence[Linked]) -> list[Fact]:
        """Evidence chunks (pgvector) that mention the entities, nearest to the topic."""
        index = self.evidence() if self.evidence is not None else None
        if index is None:
            return []
        from embeddings import EvidenceFilters

        filters = EvidenceFilters(entity_ids=tuple(e.id for e in entities))
        try:
            hits = index.search(topic, self.top_k, filters)
        except RapportError:  # no evidence index yet: the graph facts still answer
            return []
        return [Fact(id=h.source_id, kind="evidence", prior=0.03,
                     text=f"{str(h.at)[:10] if h.at else ''} {h.kind.lower()}: {h.text}".strip())
                for h in hits]

    def extract(self, question: str, entities: Sequence[Linked]) -> Extract:
        facts = self.retrieve(question, entities)
        if not facts:
            names = ", ".join(e.name for e in entities) or "that"
            return Extract([], f"The graph holds nothing about {names} yet.")
        lines = [f"- {f.text} [{f.id}]" for f in facts]
        about = ", ".join(e.name for e in entities)
        return Extract(facts, f"What the graph says about {about} (most relevant first):\n"
                              + "\n".join(lines))

    def _rank(self, question: str, facts: list[Fact]) -> list[Fact]:
        if not facts:
            return []
        vectors = self._encode([f.text for f in facts])
        sims = vectors @ self.encoder.encode_one(question)
        scores = sims + np.array([f.prior for f in facts], dtype=np.float32)
        order = np.argsort(-scores, kind="stable")[: self.top_k]
        return [facts[int(i)] for i in order]

    def _encode(self, texts: list[str]) -> np.ndarray:
        missing = sorted({t for t in texts if t not in self._vectors})
        for text, vector in zip(missing, self.encoder.encode(missing), strict=True):
            self._vectors[text] = vector
        while len(self._vectors) > self.cache_size:
            self._vectors.popitem(last=False)
        return np.stack([self._vectors[t] for t in texts])

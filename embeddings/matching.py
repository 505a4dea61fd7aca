"""Property matching, both ways, from the vectors already in the graph.

- For a client (account or contact): the available properties nearest to the weighted mean
  of the properties they showed interest in or made deals on (their employer's too, for a
  contact), nudged by the types, cities and price range of that history. With no history,
  the client's own vector (industry, segment, city) stands in.
- For a property: the clients who wanted it or properties like it, each similar property
  counting with its similarity and how strongly the client wanted it.
"""

from __future__ import annotations

from collections import defaultdict
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from embeddings.models import SearchFilters
from embeddings.search import HybridSearch
from graph.errors import InvalidInput, NotFound

if TYPE_CHECKING:
    from numpy.typing import NDArray

ClientType = Literal["account", "contact"]
_STAGE_WEIGHT = MappingProxyType({"09-CLOSED_WON": 1.0, "CLOSED_LOST": 0.3})
_OPEN_DEAL = 0.7
_TYPE_BONUS, _CITY_BONUS, _PRICE_BONUS = 0.1, 0.05, 0.05


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class PropertyMatch(_Frozen):
    id: str
    title: str | None
    type: str | None
    city: str | None
    price: float | None
    similarity: float = Field(description="cosine to the client's profile")
    score: float = Field(description="similarity plus the type/city/price bonuses")
    reasons: tuple[str, ...]


class PropertyMatches(_Frozen):
    client_id: str
    client_type: ClientType
    based_on: tuple[str, ...] = Field(description="properties of the client's history")
    matches: tuple[PropertyMatch, ...]


class ClientMatch(_Frozen):
    id: str
    type: ClientType
    name: str | None
    score: float
    reasons: tuple[str, ...]


class ClientMatches(_Frozen):
    property_id: str
    matches: tuple[ClientMatch, ...]


def _weight(item: dict[str, Any]) -> float:
    if item["relation"].endswith("interested"):
        return float(item.get("level") or 50.0) / 100.0
    return _STAGE_WEIGHT.get(str(item.get("stage")), _OPEN_DEAL)


def _unit(vector: NDArray[np.float32]) -> NDArray[np.float32]:
    norm = float(np.linalg.norm(vector))
    return (vector / norm).astype(np.float32) if norm else vector


class PropertyMatcher:
    """Matches clients and properties through the graph's vector index."""

    def __init__(self, search: HybridSearch) -> None:
        self.search = search
        self.store = search.store

    def properties_for(self, client_type: ClientType, client_id: str,
                       k: int = 10) -> PropertyMatches:
        if client_type not in ("account", "contact"):
            raise InvalidInput(f"client type {client_type!r}: expected account or contact")
        rows = self.store.read(f"embeddings/matching/{client_type}", {"id": client_id})
        if not rows:
            raise NotFound(f"no {client_type} {client_id!r}")
        row = rows[0]
        history = [h for h in row["interests"] + row["deals"] if h.get("embedding")]
        profile = self._profile(row, history)
        seen = {h["id"] for h in history}
        ranked, _ = self.search.vector_ranking("property", profile, 5 * k + len(seen),
                                               SearchFilters(status="AVAILABLE"))
        fresh = [n for n in ranked if n.id not in seen]
        facts = {r["id"]: r for r in self.store.read("embeddings/matching/properties",
                                                     {"ids": [n.id for n in fresh]})}
        matches = [self._score(facts[n.id], n.score, history) for n in fresh if n.id in facts]
        matches.sort(key=lambda m: (-m.score, m.id))
        return PropertyMatches(client_id=client_id, client_type=client_type,
                               based_on=tuple(sorted(seen)), matches=tuple(matches[:k]))

    def _profile(self, row: dict[str, Any],
                 history: list[dict[str, Any]]) -> NDArray[np.float32]:
        if history:
            vectors = np.asarray([h["embedding"] for h in history], dtype=np.float32)
            weights = np.asarray([_weight(h) for h in history], dtype=np.float32)
            return _unit((weights[:, None] * vectors).sum(axis=0))
        if row.get("embedding"):
            return _unit(np.asarray(row["embedding"], dtype=np.float32))
        raise NotFound(f"{row['id']} has no history and no vector yet",
                       hint="run rapport index")

    @staticmethod
    def _score(fact: dict[str, Any], similarity: float,
               history: list[dict[str, Any]]) -> PropertyMatch:
        reasons = [f"similar to their history ({similarity:.2f})"]
        score = similarity
        if fact["type"] in {h["type"] for h in history}:
            score += _TYPE_BONUS
            kind = str(fact["type"]).lower()
            reasons.append(f"{'an' if kind[0] in 'aeiou' else 'a'} {kind} like before")
        if fact["city"] in {h["city"] for h in history}:
            score += _CITY_BONUS
            reasons.append(f"in {fact['city']} like before")
        prices = [float(h["price"]) for h in history if h.get("price")]
        if prices and fact["price"] and 0.7 * min(prices) <= fact["price"] <= 1.3 * max(prices):
            score += _PRICE_BONUS
            reasons.append("in their price range")
        return PropertyMatch(id=fact["id"], title=fact["title"], type=fact["type"],
                             city=fact["city"], price=fact["price"],
                             similarity=round(similarity, 4), score=round(score, 4),
                             reasons=tuple(reasons))

    def clients_for(self, property_id: str, k: int = 10, neighbours: int = 50) -> ClientMatches:
        rows = self.store.read("embeddings/matching/property", {"id": property_id})
        if not rows:
            raise NotFound(f"no property {property_id!r}")
        if not rows[0].get("embedding"):
            raise NotFound(f"property {property_id} has no vector yet", hint="run rapport index")
        vector = _unit(np.asarray(rows[0]["embedding"], dtype=np.float32))
        similar, _ = self.search.vector_ranking("property", vector, neighbours, SearchFilters())
        similarity = {n.id: max(n.score, 0.0) for n in similar}
        similarity[property_id] = 1.0  # wanting this very one counts most
        scores: dict[str, float] = defaultdict(float)
        reasons: dict[str, list[tuple[float, str]]] = defaultdict(list)
        names: dict[str, tuple[ClientType, str | None]] = {}
        for row in self.store.read("embeddings/matching/clients_of",
                                   {"ids": sorted(similarity)}):
            sim = similarity[row["id"]]
            for client in row["interested"] + row["deals"]:
                gain = sim * _weight(client)
                scores[client["id"]] += gain
                what = "this property" if row["id"] == property_id else \
                    f"{row['id']} (similarity {sim:.2f})"
                reasons[client["id"]].append((gain, f"{client['relation']}: {what}"))
                names[client["id"]] = (str(client["label"]).lower(),  # type: ignore[assignment]
                                       client.get("name"))
        best = sorted(scores, key=lambda c: (-scores[c], c))[:k]
        return ClientMatches(property_id=property_id, matches=tuple(
            ClientMatch(id=c, type=names[c][0], name=names[c][1], score=round(scores[c], 4),
                        reasons=tuple(r for _, r in sorted(reasons[c], reverse=True)[:3]))
            for c in best))

"""The search route: "find me ..." questions go to the hybrid entity search (vector +
full-text, filters inside), and the hits come back as rows with why each matched."""

from __future__ import annotations

from embeddings import Search, SearchFilters, SearchQuery
from embeddings.models import ENTITY_TYPES, EntityType
from graph.errors import RapportError
from intel.ask.models import AskAnswer, Citation
from intel.ask.planner import Plan

_KINDS = {"Contact": "contact", "Account": "account", "Property": "property", "Deal": "deal"}


def _query(plan: Plan, k: int) -> SearchQuery:
    slots = plan.slots
    wanted = _KINDS.get(slots.target or "")
    types: tuple[EntityType, ...] = tuple(t for t in ENTITY_TYPES if t == wanted)
    city = slots.values.get("city")
    filters = SearchFilters(city=city.title() if city else None,
                            min_price=slots.min_amount, max_price=slots.max_amount)
    return SearchQuery(text=plan.question, types=types, k=k, filters=filters)


def answer_search(search: Search, plan: Plan, k: int = 10) -> AskAnswer | None:
    """Hits as rows and citations; None when the search cannot answer (no index yet)."""
    query = _query(plan, k)
    try:
        result = search.search(query)
    except RapportError:
        return None
    if not result.hits:
        return None
    rows = [{"id": h.id, "type": h.type, "score": round(h.score, 4), "text": h.text,
             "matched_terms": list(h.why.matched_terms)} for h in result.hits]
    cites = [Citation(id=h.id, kind=h.type.title(), text=(h.text or "")[:160])
             for h in result.hits]
    shown = "; ".join(f"{h.id}: {(h.text or '')[:80]}" for h in result.hits[:5])
    return AskAnswer(question=plan.question, answer=f"{len(rows)} matches: {shown}",
                     route="search", intent=plan.intent.name, rows=rows, citations=cites,
                     params=query.model_dump(mode="json"),
                     reason="find-me question: answered by the hybrid search "
                            "(vector + full-text, fused by rank)")

"""Text-to-Cypher with the guard and a repair loop.

The model writes one query; the guard checks it (read-only, schema, parameters, LIMIT,
EXPLAIN) and runs it read-only. A schema or syntax error goes back to the model (two repair
rounds at most); an unsafe query is refused at once; after that the planner answers.
"""

from __future__ import annotations

from dataclasses import dataclass

from intel.ask.models import AskAnswer
from intel.ask.render import citations, summarize
from intel.cypher_guard import CypherGuard, GuardRejected
from intel.llm.gateway import LLMGateway
from intel.text2cypher.prompts import CypherPrompt, Example, Repair, extract_cypher
from intel.text2cypher.schema_text import schema_text

MAX_REPAIRS = 2
_EXAMPLES = (
    Example(question="How many gold tier accounts are in Lisbon?",
            cypher="MATCH (a:Account) WHERE a.tier = 'GOLD' AND a.city = 'Lisbon' "
                   "RETURN count(a) AS count"),
    Example(question="Open deals of Harbour Real Estate, biggest first",
            cypher="MATCH (a:Account {name: 'Harbour Real Estate'})-[:HAS_DEAL]->(d:Deal) "
                   "WHERE NOT d.stage IN ['09-CLOSED_WON', 'CLOSED_LOST'] "
                   "RETURN d.id AS id, d.name AS name, d.amount AS amount "
                   "ORDER BY amount DESC"),
    Example(question="Who on the team knows Ana Silva best?",
            cypher="MATCH (m:Member)-[k:KNOWS]-(c:Contact {name: 'Ana Silva'}) "
                   "RETURN m.id AS id, m.name AS name, k.strength AS strength "
                   "ORDER BY strength DESC LIMIT 5"),
)


@dataclass(frozen=True)
class Generated:
    """The LLM route's outcome: an answer, or None with why (the planner answers then)."""

    answer: AskAnswer | None
    reason: str
    tokens: int = 0
    cost: float = 0.0


class TextToCypher:
    """`answer()` generates, checks, repairs and runs; the gateway and guard are injected."""

    def __init__(self, gateway: LLMGateway, guard: CypherGuard) -> None:
        self.gateway = gateway
        self.guard = guard

    def answer(self, question: str, *, limit: int | None = None) -> Generated:
        prompt = CypherPrompt(question=question, schema_text=schema_text(
            question, self.guard.schema), examples=list(_EXAMPLES))
        tokens, cost = 0, 0.0
        errors: list[str] = []
        for _ in range(MAX_REPAIRS + 1):
            completion = self.gateway.complete("cypher", prompt.messages())
            tokens, cost = tokens + completion.tokens, cost + completion.cost
            cypher = extract_cypher(completion.text)
            try:
                checked, rows = self.guard.run(cypher)
            except GuardRejected as e:
                if e.problem == "unsafe":
                    return Generated(self._refusal(question, cypher, e, tokens, cost),
                                     "refused", tokens, cost)
                errors.append(e.message)
                prompt = prompt.model_copy(update={"repairs": [
                    *prompt.repairs, Repair(cypher=cypher[:4000], error=e.message[:1000])]})
                if len(prompt.repairs) > MAX_REPAIRS:
                    break
                continue
            rows = rows[:limit] if limit else rows
            repaired = f" after {len(errors)} repair(s)" if errors else ""
            return Generated(AskAnswer(
                question=question, answer=summarize(rows, "rows"), route="llm",
                reason=f"text-to-Cypher: the generated query passed the guard{repaired}",
                cypher=checked.text, params=checked.params, rows=rows,
                citations=citations(rows), tokens=tokens, cost=cost), "ok", tokens, cost)
        return Generated(None, f"generated Cypher still failed after {MAX_REPAIRS} repairs "
                               f"({errors[-1] if errors else 'no query'})", tokens, cost)

    def _refusal(self, question: str, cypher: str, error: GuardRejected, tokens: int,
                 cost: float) -> AskAnswer:
        return AskAnswer(question=question, route="refused", refused=True, tokens=tokens,
                         cost=cost, cypher=cypher,
                         reason=f"the generated query was refused by the guard: {error.message}",
                         answer="Refused: the generated query would change data; nothing ran.")

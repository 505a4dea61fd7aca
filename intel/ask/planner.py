"""The offline planner: link entities, read slots, classify the intent, fill a template.

Deterministic for a given graph and date: no LLM. Everything heavy (the encoder, the name
index, the vocabulary) is built once per planner and reused across questions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from graph.store import GraphStore
from intel.ask.classifier import IntentClassifier, is_write_request, masked
from intel.ask.intents import INTENT_BY_NAME, Intent
from intel.ask.linker import EntityLinker, NameIndex
from intel.ask.models import AskAnswer
from intel.ask.render import citations, summarize
from intel.ask.settings import AskSettings
from intel.ask.slots import SlotExtractor, Slots, Vocabulary
from intel.ask.templates import BUILDERS, Context, NeedsEntity, Query
from intel.ask.text import fold

if TYPE_CHECKING:
    from embeddings.encoder import Encoder

_SUBJECTS = {"accounts": "accounts", "contacts": "contacts", "works_at": "people",
             "deals": "deals", "pipeline_stage": "stages", "pipeline_owner": "owners",
             "stuck_deals": "stuck deals", "properties": "properties", "members": "members",
             "interactions": "interactions", "last_interaction": "recent interactions",
             "owner": "owners", "relationships": "relationships", "facts": "records",
             "scores": "records"}

_PLAIN_TARGET = {"Account": "accounts", "Contact": "contacts", "Deal": "deals",
                 "Property": "properties", "Member": "team members",
                 "Interaction": "interactions"}


@dataclass(frozen=True)
class Plan:
    """What the planner decided, before anything ran."""

    question: str
    intent: Intent
    score: float
    slots: Slots
    query: Query | None
    reason: str
    wanted: Intent | None = None  # the likelier intent, had an entity been named


class Planner:
    """`plan()` decides; `answer()` plans and runs the template on the read-only path."""

    def __init__(self, store: GraphStore, encoder: Encoder, settings: AskSettings) -> None:
        self.store = store
        self.settings = settings
        self.linker = EntityLinker(NameIndex(store, settings.names_ttl_s))
        self.slots = SlotExtractor(Vocabulary(store, settings.names_ttl_s))
        self.classifier = IntentClassifier(encoder, neutralize=self.slots.neutralize)

    def today(self, given: date | None = None) -> date:
        return given or self.settings.today or datetime.now(UTC).date()

    def plan(self, question: str, *, today: date | None = None,
             limit: int | None = None) -> Plan:
        day = self.today(today)
        folded = fold(question)
        if is_write_request(folded):
            return Plan(question, INTENT_BY_NAME["unsafe"], 1.0, Slots(folded=folded), None,
                        "the question asks to change data; ask only reads")
        slots = self.slots.extract(folded, self.linker.link(folded), day)
        kinds = {e.kind for e in slots.entities}
        text = masked(folded, slots.entities)
        if slots.target:  # the subject noun, spelled plainly ("vps" -> "contacts")
            text = f"{text} ({_PLAIN_TARGET[slots.target]})"
        found = self.classifier.classify(text, kinds, slots.target)
        reason = self._reason(found.intent, found.score, slots)
        query = self._query(found.intent, slots, day, limit)
        return Plan(question, found.intent, found.score, slots, query, reason, found.blocked)

    def plan_as(self, intent_name: str, question: str, text: str, *,
                today: date | None = None, limit: int | None = None) -> Plan:
        """A plan for an intent chosen elsewhere (an LLM's tool call), with slots read from
        `text` (the tool's argument) by the same linking and slot rules."""
        day = self.today(today)
        folded = fold(text)
        slots = self.slots.extract(folded, self.linker.link(folded), day)
        intent = INTENT_BY_NAME[intent_name]
        return Plan(question, intent, 1.0, slots, self._query(intent, slots, day, limit),
                    self._reason(intent, 1.0, slots))

    def answer(self, question: str, *, today: date | None = None,
               limit: int | None = None) -> AskAnswer:
        return self.run(self.plan(question, today=today, limit=limit))

    def run(self, plan: Plan) -> AskAnswer:
        """Run a planner-route plan; other routes are the router's business."""
        base = AskAnswer(question=plan.question, answer="", route="planner",
                         reason=plan.reason, intent=plan.intent.name)
        if plan.intent.route == "refused":
            return base.model_copy(update={
                "route": "refused", "refused": True,
                "answer": "Refused: ask answers questions and never changes data."})
        if plan.query is None:
            return base.model_copy(update={"answer": plan.reason})
        rows = self.store.read(plan.query.name, plan.query.params)
        text = summarize(rows, _SUBJECTS.get(plan.intent.name, "rows"))
        return base.model_copy(update={
            "answer": text, "cypher": self.store.query_text(plan.query.name).text,
            "params": plan.query.params, "rows": rows, "citations": citations(rows)})

    def _query(self, intent: Intent, slots: Slots, day: date, limit: int | None) -> Query | None:
        builder = BUILDERS.get(intent.name)
        if builder is None:
            return None
        ctx = Context(limit=limit or self.settings.default_limit, today=day,
                      stuck_days=self.settings.stuck_days)
        try:
            return builder(slots, ctx)
        except NeedsEntity:
            return None

    def _reason(self, intent: Intent, score: float, slots: Slots) -> str:
        read = slots.describe()
        said = f" with {'; '.join(read)}" if read else ""
        return (f"offline planner: intent '{intent.name}' (similarity {score:.2f} to its "
                f"example questions){said}")

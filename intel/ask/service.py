"""`ask`: one entry point that routes a question to the capability that answers it best.

Offline the planner classifies the intent: warm intros go to the intros pathfinder, open
questions to GraphRAG, score questions to the planner's stage templates (the scoring service
plugs in at `_scores`), counting/listing/filtering to templates. With an LLM configured,
counting/listing questions go to text-to-Cypher first and fall back to the planner.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from embeddings import SearchQuery
from embeddings.models import ENTITY_TYPES, EntityType
from graph.errors import RapportError
from graph.store import GraphStore
from intel.ask.intents import Intent
from intel.ask.intros_route import answer_intro
from intel.ask.models import AskAnswer, AskRequest, Citation
from intel.ask.planner import Plan, Planner
from intel.ask.search_route import answer_search
from intel.ask.tools import ROUTER_PROMPT, chosen_tool, tool_specs
from intel.graphrag import Fact, GraphRAG
from intel.graphrag.prompt import AnswerPrompt, cited_ids
from intel.graphrag.service import Linked
from intel.intros import IntroSettings

if TYPE_CHECKING:
    from embeddings import Search
    from intel.text2cypher.service import TextToCypher


class AskService:
    """`ask()` answers one request; every collaborator is injected."""

    def __init__(self, store: GraphStore, planner: Planner, graphrag: GraphRAG,
                 intro_settings: IntroSettings, text2cypher: TextToCypher | None = None,
                 search: Search | None = None) -> None:
        self.store = store
        self.planner = planner
        self.graphrag = graphrag
        self.intro_settings = intro_settings
        self.text2cypher = text2cypher
        self.search = search

    def ask(self, request: AskRequest) -> AskAnswer:
        plan = self.planner.plan(request.question, today=request.today, limit=request.limit)
        if plan.wanted is not None and self.search is not None:
            plan = self._link_by_search(plan, plan.wanted, request)
        unsure = plan.score < self.planner.settings.route_confidence
        if self.text2cypher is not None and unsure and plan.intent.route != "refused":
            return self._tool_route(plan, request)
        return self._route(plan, request)

    def _link_by_search(self, plan: Plan, intent: Intent, request: AskRequest) -> Plan:
        """No name matched exactly (a typo, a partial name): the search index's best
        account or contact hit stands in, and the reason says so."""
        assert self.search is not None
        types: tuple[EntityType, ...] = tuple(t for t in ENTITY_TYPES
                                              if t.title() in intent.needs)
        if not types:
            return plan
        try:
            hits = self.search.search(SearchQuery(text=plan.question, types=types, k=1)).hits
        except (RapportError, ValueError):
            return plan
        name = self.planner.linker.index.name_of(hits[0].id) if hits else None
        if name is None:
            return plan
        linked = self.planner.plan_as(intent.name, plan.question,
                                      f"{plan.question} {name}", today=request.today,
                                      limit=request.limit)
        return replace(linked, reason=f"{linked.reason}; '{name}' linked through the search "
                                      "index (no exact name in the question)")

    def _tool_route(self, plan: Plan, request: AskRequest) -> AskAnswer:
        """The planner is unsure: the LLM picks a capability by tool calling."""
        assert self.text2cypher is not None
        messages = [{"role": "system", "content": ROUTER_PROMPT},
                    {"role": "user", "content": plan.question}]
        try:
            completion = self.text2cypher.gateway.complete("fast", messages,
                                                           tools=tool_specs())
        except RapportError:
            return self._route(plan, request)
        chosen = chosen_tool(completion)
        if chosen is None:
            return self._route(plan, request)
        name, args = chosen
        intent = {"find_warm_intros": "intro", "ask_open_question": "open"}.get(name)
        if intent is None:  # query_graph: text-to-Cypher, then the planner
            answer = self._llm_or_planner(plan, request)
        else:
            text = str(getattr(args, "target", None) or getattr(args, "about", ""))
            answer = self._route(self.planner.plan_as(intent, plan.question, text,
                                                      today=request.today,
                                                      limit=request.limit), request)
        why = (f"LLM router chose tool {name} (planner similarity {plan.score:.2f} below "
               f"{self.planner.settings.route_confidence}); ")
        return answer.model_copy(update={"reason": why + answer.reason,
                                         "tokens": answer.tokens + completion.tokens,
                                         "cost": answer.cost + completion.cost})

    def _route(self, plan: Plan, request: AskRequest) -> AskAnswer:
        route = plan.intent.route
        if route == "refused":
            return self.planner.run(plan)
        if route == "intros":
            return answer_intro(self.store, self.intro_settings, plan)
        if route == "search" and self.search is not None:
            found = answer_search(self.search, plan, request.limit or 10)
            if found is not None:
                return found
        if route in ("graphrag", "search"):
            return self._graphrag(plan)
        if route == "scores":
            return self._scores(plan)
        if self.text2cypher is not None:
            return self._llm_or_planner(plan, request)
        return self.planner.run(plan)

    def _scores(self, plan: Plan) -> AskAnswer:
        # The scoring service (account health, win probability) plugs in here; until it
        # is merged, the account's or deal's stage facts answer.
        answer = self.planner.run(plan)
        return answer.model_copy(update={
            "route": "planner", "reason": "score question: the scoring service is not "
            "available, so the stage facts answer; " + answer.reason})

    def _graphrag(self, plan: Plan) -> AskAnswer:
        entities = [Linked(e.kind, e.id, e.name) for e in plan.slots.entities]
        why = ("open question about " + ", ".join(e.name for e in entities)
               if entities else "open question naming nothing in the graph")
        if not entities:
            return AskAnswer(question=plan.question, route="graphrag", intent=plan.intent.name,
                             reason=why, answer="Name an account, person or deal to ask "
                             "about: open questions are answered from its neighbourhood.")
        extract = self.graphrag.extract(plan.question, entities)
        cites = [Citation(id=f.id, kind=f.kind, text=f.text[:160]) for f in extract.facts]
        offline = AskAnswer(question=plan.question, route="graphrag", intent=plan.intent.name,
                            reason=why + ": extractive answer from its neighbourhood and notes",
                            answer=extract.answer, citations=cites)
        if self.text2cypher is None or not extract.facts:
            return offline
        return self._phrased(offline, extract.facts, why)

    def _phrased(self, offline: AskAnswer, facts: list[Fact], why: str) -> AskAnswer:
        """The `answer` model phrases the ranked facts; no tools are offered, and any
        failure keeps the extractive answer."""
        assert self.text2cypher is not None
        prompt = AnswerPrompt(question=offline.question, facts=facts)
        try:
            completion = self.text2cypher.gateway.complete("answer", prompt.messages())
        except RapportError as e:
            return offline.model_copy(update={"reason": offline.reason +
                                              f" (LLM unavailable: {e.message})"})
        used = set(cited_ids(completion.text, {f.id for f in facts}))
        return offline.model_copy(update={
            "answer": completion.text.strip() or offline.answer,
            "reason": why + ": answered by the LLM from the cited facts only",
            "citations": [c for c in offline.citations if c.id in used] or offline.citations,
            "tokens": completion.tokens, "cost": completion.cost})

    def _llm_or_planner(self, plan: Plan, request: AskRequest) -> AskAnswer:
        assert self.text2cypher is not None
        try:
            generated = self.text2cypher.answer(plan.question, limit=request.limit)
        except RapportError as e:
            fallback = self.planner.run(plan)
            return fallback.model_copy(update={
                "reason": f"LLM unavailable ({e.message}); " + fallback.reason})
        if generated.answer is None:
            fallback = self.planner.run(plan)
            return fallback.model_copy(update={
                "reason": f"{generated.reason}; " + fallback.reason,
                "tokens": generated.tokens, "cost": generated.cost})
        return generated.answer

"""The warm-intro route: a planner plan that names a person or an account -> IntroFinder."""

from __future__ import annotations

from graph.errors import RapportError
from graph.store import GraphStore
from intel.ask.models import AskAnswer, Citation
from intel.ask.planner import Plan
from intel.intros import IntroFinder, IntroRequest, IntroResult, IntroSettings


def _titled(store: GraphStore, account: str, title: str) -> str | None:
    """"the CFO of Globex": the account's current person with that title, if any."""
    rows = store.read("ask/account_contacts", {"account": account, "title": title, "city": None,
                                       "seniority": None, "department": None,
                                       "lifecycle": None, "limit": 1})
    return rows[0]["id"] if rows else None


def _request(store: GraphStore, plan: Plan) -> IntroRequest | None:
    member = plan.slots.entity("Member")
    origin = member.id if member else None
    contact = plan.slots.entity("Contact")
    if contact is not None:
        return IntroRequest(to=contact.id, from_member=origin)
    account = plan.slots.entity("Account")
    if account is None:
        return None
    title = plan.slots.values.get("title")
    person = _titled(store, account.id, title) if title else None
    if person is not None:
        return IntroRequest(to=person, from_member=origin)
    return IntroRequest(to_account=account.id, from_member=origin)


def _text(result: IntroResult) -> str:
    if not result.paths:
        return result.no_path.message if result.no_path else f"No warm path to {result.target}."
    lines = [f"Warm paths to {result.target}:"]
    for path in result.paths:
        chain = " -> ".join(p.name for p in path.people)
        lines.append(f"{path.rank}. {chain} (score {path.score:.3f})")
    return "\n".join(lines)


def answer_intro(store: GraphStore, settings: IntroSettings, plan: Plan) -> AskAnswer:
    """Ask the intros pathfinder; the answer's rows are the paths."""
    request = _request(store, plan)
    base = AskAnswer(question=plan.question, answer="", route="intros", intent="intro",
                     reason="warm-introduction question: answered by the intros pathfinder")
    if request is None:
        return base.model_copy(update={"answer": "Name the person or account to reach."})
    try:
        result = IntroFinder(store, settings).find(request)
    except RapportError as e:
        return base.model_copy(update={"answer": f"No intro search: {e}"})
    rows = [{"rank": p.rank, "score": p.score, "people": [x.name for x in p.people],
             "ids": [x.id for x in p.people]} for p in result.paths]
    cited = {x.id: Citation(id=x.id, kind=x.label, text=x.name)
             for p in result.paths for x in p.people}
    return base.model_copy(update={
        "answer": _text(result), "rows": rows, "citations": list(cited.values()),
        "params": request.model_dump(exclude_none=True)})

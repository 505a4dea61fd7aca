"""The capabilities as typed tools, for routing with an LLM (tool calling).

The model only picks a tool and fills its arguments; arguments are validated here and then
go through the same offline linking and checks as any question: a tool call can never run
anything the planner could not.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, Field, ValidationError

from intel.llm.gateway import Completion


class QueryGraph(BaseModel):
    """Count, list, filter or sum accounts, contacts, deals, properties, members or
    interactions; who works at / knows / owns; pipeline; stuck deals."""

    question: str = Field(min_length=2, max_length=500, description="the question to answer")


class FindWarmIntros(BaseModel):
    """Warm introduction paths from the team to a person or an account."""

    target: str = Field(min_length=2, max_length=200, description="person or account name")


class AskOpenQuestion(BaseModel):
    """Open questions about one account, person or deal: what we know, why, what is going
    on; answered from its graph neighbourhood and notes with citations."""

    about: str = Field(min_length=2, max_length=200, description="account, person or deal")


TOOLS: dict[str, type[BaseModel]] = {"query_graph": QueryGraph,
                                     "find_warm_intros": FindWarmIntros,
                                     "ask_open_question": AskOpenQuestion}
ROUTE_OF_TOOL = {"query_graph": "planner", "find_warm_intros": "intros",
                 "ask_open_question": "graphrag"}
ROUTER_PROMPT = ("Pick the one tool that best answers the user's question about the CRM "
                 "graph and fill its arguments from the question. Never answer directly.")


def tool_specs() -> list[dict[str, Any]]:
    """OpenAI-style function specs generated from the argument models."""
    return [{"type": "function", "function": {
        "name": name, "description": (model.__doc__ or "").strip(),
        "parameters": model.model_json_schema()}} for name, model in TOOLS.items()]


def chosen_tool(completion: Completion) -> tuple[str, BaseModel] | None:
    """The first valid tool call, or None when the model called none or filled it badly."""
    for call in completion.tool_calls:
        model = TOOLS.get(call.name)
        if model is None:
            continue
        try:
            return call.name, model.model_validate(json.loads(call.arguments or "{}"))
        except (ValidationError, ValueError):
            continue
    return None

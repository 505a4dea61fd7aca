"""Typed requests and answers of `ask`."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, Field

from intel.ask.intents import Route

AnswerRoute = Route | Literal["llm"]


class AskRequest(BaseModel):
    """A question in plain language."""

    model_config = {"json_schema_extra": {"examples": [
        {"question": "Which deals are closing next quarter?"}]}}

    question: str = Field(min_length=2, max_length=500, description="the question")
    today: date | None = Field(default=None,
                               description="date that 'next quarter' etc. count from")
    limit: int | None = Field(default=None, ge=1, le=1000, description="most rows returned")


class Citation(BaseModel):
    """A node or evidence chunk an answer used."""

    id: str
    kind: str = Field(description="label of the node, or 'evidence'")
    text: str = Field(description="what it said, shortened")


class AskAnswer(BaseModel):
    question: str
    answer: str = Field(description="the answer in one or a few sentences")
    route: AnswerRoute = Field(description="which capability answered")
    reason: str = Field(description="why this route was taken")
    intent: str | None = None
    cypher: str | None = Field(default=None, description="the query that ran")
    params: dict[str, Any] = Field(default_factory=dict)
    rows: list[dict[str, Any]] = Field(default_factory=list)
    citations: list[Citation] = Field(default_factory=list)
    refused: bool = False
    tokens: int = Field(default=0, description="LLM tokens spent (prompt + completion)")
    cost: float = Field(default=0.0, description="LLM cost in USD")

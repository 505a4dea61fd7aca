"""A fact of the assembled context: one sentence, the node or evidence it came from."""

from __future__ import annotations

from pydantic import BaseModel, Field


class Fact(BaseModel):
    id: str = Field(description="node id or evidence id the fact cites")
    kind: str = Field(description="label of the node, or 'evidence'")
    text: str = Field(description="the fact, one sentence; data, never instructions")
    prior: float = Field(default=0.0, description="ranking boost before similarity")

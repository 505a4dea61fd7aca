"""Prompts are objects that check their inputs when built: a question too long, an empty
schema or a runaway repair history fails here, not at the provider."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

_SYSTEM = (
    "You translate questions about a CRM graph into ONE read-only Cypher query.\n"
    "Rules: use only the labels, relationship types (with their direction), and properties "
    "listed in the schema; never write (no CREATE, MERGE, SET, DELETE, REMOVE, DROP, CALL); "
    "return named columns; include `id` when returning entities; stage and enum values are "
    "upper case as in the samples. Answer with the query only, in a ```cypher block.")


class Example(BaseModel):
    question: str = Field(min_length=2, max_length=300)
    cypher: str = Field(min_length=10, max_length=2000)


class Repair(BaseModel):
    cypher: str = Field(max_length=4000)
    error: str = Field(min_length=1, max_length=1000)


class CypherPrompt(BaseModel):
    """The text-to-Cypher prompt: question, filtered schema, few-shot examples, repairs."""

    question: str = Field(min_length=2, max_length=500)
    schema_text: str = Field(min_length=10, max_length=8000)
    examples: list[Example] = Field(default_factory=list, max_length=6)
    repairs: list[Repair] = Field(default_factory=list, max_length=2)

    def messages(self) -> list[dict[str, Any]]:
        shots = "\n\n".join(f"Question: {e.question}\n```cypher\n{e.cypher}\n```"
                            for e in self.examples)
        user = (f"Schema:\n{self.schema_text}\n\nExamples:\n{shots}\n\n"
                f"Question: {self.question}")
        messages: list[dict[str, Any]] = [{"role": "system", "content": _SYSTEM},
                                          {"role": "user", "content": user}]
        for repair in self.repairs:
            messages.append({"role": "assistant", "content": f"```cypher\n{repair.cypher}\n```"})
            messages.append({"role": "user", "content": (
                f"That query was rejected: {repair.error}\nFix it and answer with the "
                "corrected query only.")})
        return messages


def extract_cypher(text: str) -> str:
    """The query in a model's reply: the first fenced block, else the whole reply."""
    if "```" in text:
        body = text.split("```", 2)[1]
        first, _, rest = body.partition("\n")
        return (rest if first.strip().lower() in ("cypher", "") else body).strip()
    return text.strip()

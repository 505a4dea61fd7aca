"""The manifest prompt: checked when built (column names, value shapes, the proposal), so
an oversized or inconsistent prompt fails here, not at the provider."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, Field, ValidationError, model_validator

from intel.llm.errors import LLMUnavailable

_SYSTEM = (
    "You map the columns of a contacts export (CSV) to the fields of an import manifest.\n"
    "Contact fields: first_name, last_name, name (a full name), email (the main address), "
    "emails (more addresses), phone, title (the job title, not Mr/Dr), department, "
    "seniority, linkedin_url, city, country, lifecycle_stage, do_not_contact (yes/no), "
    "company (employer name), company_domain, company_external_id, external_id (the "
    "contact's id in the source system), connected_on (when the contact was met or added).\n"
    "The employer's own fields are written account.<field>: account.industry, "
    "account.employees, account.annual_revenue, account.city, account.country.\n"
    "Each column comes with the shapes of a few of its values: letters are masked as a/A "
    "and digits as 9. Answer with one JSON object, {\"columns\": {\"<column>\": "
    "\"<field>\" or null}}, listing only the columns whose proposed field is wrong or "
    "missing; null leaves a column unmapped. No other text.")


class ManifestPrompt(BaseModel):
    header: list[str] = Field(min_length=1, max_length=500)
    shapes: dict[str, list[str]]
    proposed: dict[str, str]

    @model_validator(mode="after")
    def _consistent(self) -> ManifestPrompt:
        if any(not 0 < len(name) <= 200 for name in self.header):
            raise ValueError("a column name is empty or longer than 200 characters")
        for column in [*self.shapes, *self.proposed]:
            if column not in self.header:
                raise ValueError(f"{column!r} is not a column of the file")
        if any(len(s) > 3 or any(len(v) > 40 for v in s) for s in self.shapes.values()):
            raise ValueError("at most 3 value shapes of at most 40 characters per column")
        return self

    def messages(self) -> list[dict[str, Any]]:
        lines = [f"- {name}: {' | '.join(self.shapes.get(name) or []) or '(empty)'}"
                 + (f"  -> proposed {self.proposed[name]}" if name in self.proposed else "")
                 for name in self.header]
        user = "Columns (value shapes, then the proposed field):\n" + "\n".join(lines)
        return [{"role": "system", "content": _SYSTEM}, {"role": "user", "content": user}]


class ManifestAnswer(BaseModel):
    columns: dict[str, str | None]


def parse_answer(text: str) -> dict[str, str | None]:
    """The model's corrections: the JSON object in its reply (fenced or bare)."""
    start, end = text.find("{"), text.rfind("}")
    try:
        if start < 0 or end < start:
            raise ValueError("no JSON object")
        return ManifestAnswer.model_validate(json.loads(text[start:end + 1])).columns
    except (ValueError, ValidationError) as e:  # json.JSONDecodeError is a ValueError
        raise LLMUnavailable("the model's answer is not a JSON object of columns: "
                             f"{text[:80]!r}") from e

"""The problem+json shape every error answers with, documented once for OpenAPI."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict


class Problem(BaseModel):
    """RFC 9457 problem details; `type` is stable, `hint` says what to change."""

    model_config = ConfigDict(extra="allow")

    type: str
    title: str
    status: int
    detail: str
    instance: str
    hint: str | None = None


def problem_response(description: str) -> dict[str, Any]:
    return {"description": description,
            "content": {"application/problem+json": {"schema": Problem.model_json_schema()}}}


# What any /v1 route may answer besides its own documented errors.
AUTH_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: problem_response("Malformed request body (not JSON, or not the declared encoding)"),
    401: problem_response("No API key, or an unknown or revoked one"),
    403: problem_response("The key's role does not allow this"),
    413: problem_response("Request body over RAPPORT_API_MAX_BODY_KB"),
    422: problem_response("Invalid input (the detail names the field)"),
    429: problem_response("Rate limit of the key reached (see Retry-After)"),
    503: problem_response("Graph or evidence store unavailable"),
    504: problem_response("Query timed out (the hint says what to narrow)"),
}

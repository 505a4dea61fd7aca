"""Why the guard refused a generated query; the message is fed back to the model."""

from __future__ import annotations

from typing import Literal

from graph.errors import QueryError

Problem = Literal["unsafe", "schema", "syntax"]


class GuardRejected(QueryError):
    """A generated query failed a check. `problem` 'unsafe' is never repaired: the user
    sees a refusal; 'schema' and 'syntax' go back to the model for a repair round."""

    status = 422
    type = "cypher-rejected"
    title = "Generated Cypher rejected"

    def __init__(self, problem: Problem, message: str) -> None:
        super().__init__(message)
        self.problem = problem

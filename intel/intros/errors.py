"""Distinct answers for the ways an intro request can miss (each its own problem type)."""

from __future__ import annotations

from graph.errors import InvalidInput, NotFound


class UnknownTarget(NotFound):
    type = "unknown-target"
    title = "Unknown target"


class UnknownMember(NotFound):
    type = "unknown-member"
    title = "Unknown team member"


class AmbiguousName(InvalidInput):
    status = 409
    type = "ambiguous-name"
    title = "Several records match"

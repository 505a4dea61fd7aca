"""Errors of the LLM gateway; callers degrade to the offline planner on any of them."""

from __future__ import annotations

from graph.errors import RapportError


class LLMUnavailable(RapportError):
    """No provider answered (not configured, timed out, failed after retries/fallbacks)."""

    status = 503
    type = "llm-unavailable"
    title = "LLM unavailable"


class BudgetExceeded(LLMUnavailable):
    """Today's spend reached RAPPORT_LLM_DAILY_BUDGET_USD."""

    type = "llm-budget"
    title = "LLM daily budget reached"

"""Probable duplicates: the default verdict on a contact that matches a known one only by
its folded name. Merged (score 0.9) for the same name and company without two different
emails; listed but kept apart otherwise (0.7 with different emails, 0.6 with no common
company). The user's decision, keyed by row and candidate, overrides it."""

from __future__ import annotations

from typing import Any, NamedTuple

from graph.imports import normalize as norm
from graph.imports.models import Draft, ProbableDuplicate


class CandidateView(NamedTuple):
    """What a verdict needs to know of a candidate."""

    name: str
    company: str | None
    email: Any
    ref: str  # its node id, or "row:N" for a node this batch creates


def judge(draft: Draft, row: int, node_id: str, cand: CandidateView) -> ProbableDuplicate:
    """The default verdict on one candidate."""
    mine = draft.props.get("email")
    theirs = cand.email
    company = norm.company_key(draft.company)
    same_company = bool(company) and norm.company_key(cand.company) == company
    base: dict[str, Any] = {"row": row, "label": "Contact", "name": str(draft.props["name"]),
                            "candidate_id": node_id, "candidate_name": cand.name,
                            "candidate_ref": cand.ref}
    if same_company and mine and theirs and mine != theirs:
        return ProbableDuplicate(
            **base, score=0.7, merged=False,
            reason=f"same name and company '{draft.company}' but different emails "
                   f"({mine} vs {theirs}): kept apart")
    if same_company:
        return ProbableDuplicate(
            **base, score=0.9, merged=True,
            reason=f"same name '{cand.name}' and company '{cand.company}'"
                   + ("" if (mine and theirs) else
                      f", no conflicting email ({mine or theirs or 'none'})"))
    return ProbableDuplicate(
        **base, score=0.6, merged=False,
        reason="same name, but no common company to confirm: kept apart")


def decided(dup: ProbableDuplicate, decisions: dict[tuple[int, str], str]
            ) -> ProbableDuplicate:
    """The verdict with the user's decision on it, when there is one."""
    decision = decisions.get((dup.row, dup.candidate_ref))
    if decision is not None:
        dup.decision = "merge" if decision == "merge" else "split"
        dup.merged = decision == "merge"
    return dup

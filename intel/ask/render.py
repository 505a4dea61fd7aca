"""Rows of a template to a short answer in words, and to citations."""

from __future__ import annotations

from typing import Any

from graph.store import Row
from intel.ask.models import Citation

_ID_KIND = {"acc": "Account", "mem": "Member", "ct": "Contact", "deal": "Deal",
            "prop": "Property", "int": "Interaction"}
_NAME_KEYS = ("name", "title", "owner", "subject", "stage")
_SHOWN = 5


def _money(value: Any) -> str:
    return f"{value:,.0f}" if isinstance(value, int | float) else str(value)


def _label(row: Row) -> str:
    return next((str(row[k]) for k in _NAME_KEYS if row.get(k) is not None), str(row))


def summarize(rows: list[Row], subject: str) -> str:
    """One or two sentences: a count, a total, or the first few names."""
    if not rows:
        return f"No {subject} match."
    first = rows[0]
    if len(rows) == 1 and "count" in first:
        extra = ""
        if first.get("total") is not None:
            extra = f", worth {_money(first['total'])} in total"
        elif first.get("average_price") is not None:
            extra = f", average price {_money(first['average_price'])}"
        return f"{first['count']:,} {subject}{extra}."
    if len(rows) == 1 and subject in ("records", "owners"):
        facts = ", ".join(f"{k.replace('_', ' ')} {_money(v)}" for k, v in first.items()
                          if k not in ("id", "name") and v is not None)
        return f"{_label(first)}: {facts}."
    if "deals" in first and "amount" in first:
        parts = [f"{_label(r)}: {r['deals']} deals, {_money(r['amount'])}" for r in rows]
        return "; ".join(parts[:10]) + ("." if len(parts) <= 10 else "; ...")
    names = ", ".join(_label(r) for r in rows[:_SHOWN])
    more = f" and {len(rows) - _SHOWN} more" if len(rows) > _SHOWN else ""
    return f"{len(rows)} {subject}: {names}{more}."


def citations(rows: list[Row], limit: int = 10) -> list[Citation]:
    """The graph nodes an answer's rows name (their `id` column)."""
    found: list[Citation] = []
    for row in rows:
        node_id = row.get("id")
        if isinstance(node_id, str) and "_" in node_id:
            kind = _ID_KIND.get(node_id.split("_")[0], "Node")
            found.append(Citation(id=node_id, kind=kind, text=_label(row)[:120]))
        if len(found) >= limit:
            break
    return found

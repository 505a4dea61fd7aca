"""Accounts: a sortable table (health and its sparkline, stage, tier, owner, open pipeline,
risk flags) with filters and saved views, from one call of `/v1/accounts/summary`."""

from __future__ import annotations

from statistics import median
from typing import Any

import streamlit as st

from dashboards.components import cached, empty, header, money, options

STRATEGIC = {"PLATINUM", "GOLD"}
VIEWS = ["All accounts", "Strategic accounts", "Accounts without an owner", "At risk"]
FILTERS = (("Tier", "tier"), ("Stage", "stage"), ("Business unit", "business unit"),
           ("Industry", "industry"), ("Owner", "owner"), ("Country", "country"))


def _in_view(view: str, row: dict[str, Any]) -> bool:
    if view == "Strategic accounts":
        return row["tier"] in STRATEGIC
    if view == "Accounts without an owner":
        return not row["owner"]
    if view == "At risk":
        return row["stage"] == "AT_RISK" or "likely at risk" in row["risk flags"]
    return True


def _row(s: Any) -> dict[str, Any]:
    return {"account": s.name, "health": s.health,
            "trend": [p.score for p in s.health_history], "open pipeline": round(s.open_pipeline),
            "stage": s.stage, "tier": s.tier, "owner": ", ".join(o.name for o in s.owners),
            "business unit": ", ".join(sorted({o.business_unit or "" for o in s.owners})),
            "risk flags": ", ".join(f.code.replace("_", " ") for f in s.risk_flags),
            "industry": s.industry, "country": s.country, "open deals": s.open_deals,
            "open": f"/account?account={s.account_id}",
            "owners": [o.name for o in s.owners],
            "units": [o.business_unit for o in s.owners]}


def _choices(rows: list[dict[str, Any]], column: str) -> list[str]:
    if column == "owner":
        return options([n for r in rows for n in r["owners"]])
    if column == "business unit":
        return options([u for r in rows for u in r["units"]])
    return options([r[column] for r in rows])


def _keeps(row: dict[str, Any], column: str, chosen: list[str]) -> bool:
    if not chosen:
        return True
    if column == "owner":
        return bool(set(chosen) & set(row["owners"]))
    if column == "business unit":
        return bool(set(chosen) & set(row["units"]))
    return row[column] in chosen


def _filtered(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    view = st.radio("Saved view", VIEWS, horizontal=True, key="view")
    chosen: dict[str, list[str]] = {}
    for col, (label, column) in zip(st.columns(len(FILTERS)), FILTERS, strict=True):
        key = column.replace(" ", "_")
        chosen[column] = col.multiselect(label, _choices(rows, column), key=key)
    return [r for r in rows if _in_view(view, r)
            and all(_keeps(r, column, picked) for column, picked in chosen.items())]


def _table(rows: list[dict[str, Any]], currency: str) -> None:
    st.dataframe(rows, hide_index=True, width="stretch", column_config={
        "health": st.column_config.ProgressColumn(
            "health", min_value=0, max_value=100, format="%.0f",
            help="account health 0-100 (drivers on the account page)"),
        "trend": st.column_config.LineChartColumn(
            "health trend", y_min=0, y_max=100, help="health over the last months"),
        "open pipeline": st.column_config.NumberColumn(
            f"open pipeline ({currency})", format="localized",
            help=f"sum of the open deals in {currency}; deals in other currencies count "
                 "in 'open deals' only"),
        "open": st.column_config.LinkColumn("open", display_text="account page"),
        "owners": None, "units": None})


def render() -> None:
    header("Accounts", "Every account with its health, owner, open pipeline and risk flags.")
    summaries = cached("account_summaries")
    currency = summaries[0].currency if summaries else "EUR"
    rows = _filtered([_row(s) for s in summaries])
    cols = st.columns(3)
    cols[0].metric("Accounts shown", len(rows))
    cols[1].metric("Open pipeline shown", money(sum(r["open pipeline"] for r in rows),
                                                 currency))
    cols[2].metric("Median health", f"{median(r['health'] for r in rows):.0f}"
                   if rows else "-")
    if not rows:
        empty("No account matches these filters.")
        return
    _table(rows, currency)


"""Accounts: a sortable table with filters, risk flags and saved views."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import streamlit as st

from dashboards.components import cached, empty, header, options

STRATEGIC = {"PLATINUM", "GOLD"}
VIEWS = ["All accounts", "Strategic accounts", "Accounts without an owner", "At risk"]


def _flags(alerts: Any) -> dict[str, set[str]]:
    flags: dict[str, set[str]] = defaultdict(set)
    for alert in alerts.alerts:
        if alert.account_id:
            flags[alert.account_id].add(alert.kind.replace("_", " "))
    return flags


def _in_view(view: str, row: dict[str, Any], flags: set[str]) -> bool:
    if view == "Strategic accounts":
        return row["tier"] in STRATEGIC
    if view == "Accounts without an owner":
        return "account without owner" in flags
    if view == "At risk":
        return row["stage"] == "AT_RISK" or bool(flags - {"no next step"})
    return True


def _rows(accounts: list[Any], flags: dict[str, set[str]]) -> list[dict[str, Any]]:
    return [{"account": a.name, "stage": a.stage, "tier": a.tier, "industry": a.industry,
             "segment": a.segment, "city": a.city, "country": a.country,
             "risk flags": ", ".join(sorted(flags.get(a.id, ()))),
             "open": f"/account?account={a.id}", "id": a.id} for a in accounts]


def render() -> None:
    header("Accounts", "Every account with its stage, tier and the Oracle's risk flags.")
    accounts = cached("accounts")
    flags = _flags(cached("alerts"))
    view = st.radio("Saved view", VIEWS, horizontal=True, key="view")
    cols = st.columns(4)
    tiers = cols[0].multiselect("Tier", options([a.tier for a in accounts]), key="tier")
    stages = cols[1].multiselect("Stage", options([a.stage for a in accounts]), key="stage")
    industries = cols[2].multiselect("Industry", options([a.industry for a in accounts]),
                                     key="industry")
    countries = cols[3].multiselect("Country", options([a.country for a in accounts]),
                                    key="country")
    rows = [r for r in _rows(accounts, flags)
            if (not tiers or r["tier"] in tiers) and (not stages or r["stage"] in stages)
            and (not industries or r["industry"] in industries)
            and (not countries or r["country"] in countries)
            and _in_view(view, r, flags.get(r["id"], set()))]
    st.metric("Accounts shown", len(rows))
    if not rows:
        empty("No account matches these filters.")
        return
    st.dataframe(rows, hide_index=True, width="stretch", column_config={
        "open": st.column_config.LinkColumn("open", display_text="account page"),
        "id": None})

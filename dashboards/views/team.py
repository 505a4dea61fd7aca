"""Team network (leadership): reach into target accounts, key-stakeholder coverage and
the strongest connectors."""

from __future__ import annotations

from collections import Counter
from typing import Any

import plotly.graph_objects as go
import streamlit as st

from dashboards.components import cached, empty, header, options

TARGET_TIERS = ["PLATINUM", "GOLD"]


def _coverage_chart(rows: list[dict[str, Any]]) -> go.Figure:
    names = [r["account"] for r in rows]
    fig = go.Figure([go.Bar(name="key stakeholders known", x=names,
                            y=[r["key known"] for r in rows], marker_color="#16a34a"),
                     go.Bar(name="key stakeholders not known", x=names,
                            y=[r["key people"] - r["key known"] for r in rows],
                            marker_color="#dc2626")])
    fig.update_layout(barmode="stack", height=320, margin={"l": 10, "r": 10, "t": 10, "b": 10})
    return fig


def render() -> None:
    header("Team network", "How far the team's network reaches into the target accounts.")
    accounts = cached("accounts")
    tiers = st.multiselect("Target tiers", options([a.tier for a in accounts]),
                           default=[t for t in TARGET_TIERS if any(a.tier == t for a in accounts)],
                           key="tiers")
    targets = [a for a in accounts if a.tier in tiers]
    if not targets:
        empty("No target account in these tiers.")
        return
    coverages = [cached("coverage", a.id) for a in targets]
    rows = [{"account": c.account, "people": c.people, "known": c.known,
             "key people": c.key_people, "key known": c.key_known,
             "reach": f"{c.known / c.people:.0%}" if c.people else "-",
             "gaps": ", ".join(c.key_unknown)} for c in coverages]
    cols = st.columns(3)
    cols[0].metric("Target accounts", len(rows))
    cols[1].metric("Key stakeholders covered",
                   f"{sum(r['key known'] for r in rows)} / {sum(r['key people'] for r in rows)}")
    cols[2].metric("Accounts with a gap", sum(1 for r in rows if r["gaps"]))
    st.plotly_chart(_coverage_chart(rows), width="stretch")
    st.dataframe(rows, hide_index=True, width="stretch")
    st.subheader("Strongest connectors")
    best = Counter(p.best.member for c in coverages for p in c.detail if p.key and p.best)
    st.dataframe([{"member": m, "key stakeholders they are closest to": n}
                  for m, n in best.most_common(10)], hide_index=True, width="stretch")

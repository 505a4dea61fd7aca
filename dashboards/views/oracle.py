"""Oracle / pipeline: funnel by stage, forecast by month, win/loss, stuck deals, by owner."""

from __future__ import annotations

from collections import Counter
from typing import Any

import plotly.graph_objects as go
import streamlit as st

from dashboards.components import cached, empty, header, is_open, money

EVERYONE = "Everyone"


def _funnel(pipeline: Any) -> go.Figure:
    stages = [s for s in pipeline.stages if s.deals]
    fig = go.Figure(go.Funnel(y=[s.stage for s in stages], x=[s.amount for s in stages],
                              text=[f"{s.deals} deals" for s in stages],
                              textinfo="text+value"))
    fig.update_layout(height=360, margin={"l": 10, "r": 10, "t": 10, "b": 10})
    return fig


def _forecast(forecast: Any) -> go.Figure:
    months = [m.label for m in forecast.months]
    fig = go.Figure([go.Bar(name="expected (stage)", x=months,
                            y=[m.expected for m in forecast.months]),
                     go.Bar(name="expected (model)", x=months,
                            y=[m.expected_model for m in forecast.months]),
                     go.Bar(name="won", x=months, y=[m.won for m in forecast.months])])
    fig.update_layout(barmode="group", height=320, margin={"l": 10, "r": 10, "t": 10, "b": 10})
    return fig


def _totals(pipeline: Any, forecast: Any) -> None:
    t = forecast.totals
    cols = st.columns(4)
    cols[0].metric("Open deals", pipeline.open_deals)
    cols[1].metric("Commit", money(t.commit, forecast.currency))
    cols[2].metric("Best case", money(t.best_case, forecast.currency))
    cols[3].metric("Expected (model)", money(t.expected_model, forecast.currency))


def _owner_deals(owner: str, names: dict[str, str]) -> list[str]:
    st.subheader("Open deals" if owner == EVERYONE else f"Deals of {names[owner]}")
    deals = cached("deals", owner=None if owner == EVERYONE else owner)
    open_deals = [d for d in deals if is_open(d.stage)]
    if not open_deals:
        empty("No open deals for this owner.")
        return []
    st.dataframe([{"deal": d.name, "stage": d.stage, "amount": money(d.amount, d.currency),
                   "expected close": d.expected_close, "next step": d.next_step}
                  for d in open_deals], hide_index=True, width="stretch")
    return [d.id for d in open_deals]


def _stuck(deal_ids: list[str]) -> None:
    st.subheader("Stuck deals")
    stuck = [a for a in cached("alerts").alerts
             if a.kind == "stuck_deal" and a.subject_id in deal_ids]
    if not stuck:
        empty("No stuck deals here.")
    for alert in stuck:
        st.warning(f"**{alert.subject_name}**: {alert.message}")


def _win_loss() -> None:
    winloss = cached("win_loss")
    st.subheader(f"Win/loss: {winloss.won} won, {winloss.lost} lost of {winloss.closed}")
    cols = st.columns(2)
    cols[0].bar_chart({b.key: b.lost for b in winloss.by_loss_reason}, horizontal=True,
                      x_label="deals lost")
    cols[1].dataframe([{"owner": b.key, "won": b.won, "lost": b.lost,
                        "win rate": b.win_rate} for b in winloss.by_owner],
                      hide_index=True, width="stretch")


def _inventory() -> None:
    st.subheader("Property inventory")
    by_status = Counter(str(p.status) for p in cached("properties"))
    if not by_status:
        empty("No properties yet.")
        return
    st.bar_chart(dict(sorted(by_status.items())), x_label="status", y_label="properties")


def render() -> None:
    header("Oracle", "Pipeline by stage, forecast by month, win/loss and stuck deals.")
    pipeline, forecast = cached("pipeline"), cached("forecast")
    members = cached("members")
    names = {m.id: m.name for m in members}
    units = sorted({m.business_unit for m in members if m.business_unit})
    cols = st.columns(2)
    unit = cols[0].selectbox("Business unit", ["All", *units], key="bu")
    owners = [m.id for m in members if unit == "All" or m.business_unit == unit]
    owner = cols[1].selectbox("Owner (My deals)", [EVERYONE, *owners], key="owner",
                              format_func=lambda i: names.get(i, i))
    _totals(pipeline, forecast)
    left, right = st.columns(2)
    left.plotly_chart(_funnel(pipeline), width="stretch")
    right.plotly_chart(_forecast(forecast), width="stretch")
    _stuck(_owner_deals(owner, names))
    _win_loss()
    _inventory()

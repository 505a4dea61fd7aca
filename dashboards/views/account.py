"""Account page: health (drivers, trend) and the stakeholder org chart beside the Oracle
view of its deals and matching properties; the interaction timeline below both."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
import streamlit as st

from dashboards.components import (
    cached,
    drivers_table,
    empty,
    header,
    is_open,
    money,
    percent,
)
from dashboards.orgchart import org_chart_figure
from dashboards.timeline import timeline_figure, timeline_rows


def _pick_account() -> Any:
    accounts = cached("accounts")
    if not accounts:
        empty("No accounts yet: load the demo (`rapport demo`) or import some.")
        st.stop()
    wanted = st.query_params.get("account")
    ids = [a.id for a in accounts]
    index = ids.index(wanted) if wanted in ids else 0
    names = {a.id: a.name for a in accounts}
    chosen = st.selectbox("Account", ids, index=index, format_func=lambda i: names[i],
                          key="account")
    return next(a for a in accounts if a.id == chosen)


def _trend_chart(health: Any) -> go.Figure:
    trend = health.trend
    days = [f"{trend.days} days ago", "today"]
    values = [trend.previous if trend.previous is not None else health.score, health.score]
    fig = go.Figure(go.Scatter(x=days, y=values, mode="lines+markers"))
    fig.update_layout(height=180, margin={"l": 10, "r": 10, "t": 10, "b": 10},
                      yaxis={"range": [0, 100], "title": "health"})
    return fig


def _health(account_id: str) -> None:
    health = cached("health", account_id)
    trend = health.trend
    st.metric("Health", f"{health.score:.0f} / 100",
              delta=None if trend.change is None else f"{trend.change:+.1f} in {trend.days} d")
    st.plotly_chart(_trend_chart(health), width="stretch")
    drivers_table(health.drivers)
    st.metric("Churn risk", f"{health.churn_risk:.0f} / 100")
    for flag in health.risk_flags:
        st.warning(f"**{flag.code.replace('_', ' ')}**: {flag.reason}")


def _stakeholders(account_id: str) -> None:
    chart = cached("org_chart", account_id)
    if not chart.people:
        empty("Nobody at this account is in the graph yet.")
        return
    known = [p for p in chart.people if p.ties]
    keys = [p for p in chart.people if p.key]
    st.caption(f"{len(known)} of {len(chart.people)} people known; "
               f"{len(keys) - len(chart.gaps)} of {len(keys)} key stakeholders covered"
               + ("" if chart.layout == "reports_to" else
                  " · no reports-to lines here: rows follow seniority"))
    if chart.gaps:
        st.warning("Coverage gap: nobody on the team knows " + ", ".join(chart.gaps))
    st.plotly_chart(org_chart_figure(chart), width="stretch", key="org_chart")
    with st.expander("As a table"):
        st.dataframe([{"person": p.name, "title": p.title, "roles": ", ".join(p.roles),
                       "key": p.key, "best tie": p.ties[0].member if p.ties else "none",
                       "strength": p.ties[0].strength if p.ties else None,
                       "team ties": len(p.ties)} for p in chart.people],
                     hide_index=True, width="stretch")


def _timeline(account_id: str) -> None:
    page = cached("interactions", account_id)
    if not page.items:
        empty("No interaction with this account's people is recorded.")
        return
    more = " (the newest; older ones through the API's next pages)" if page.next_cursor else ""
    st.caption(f"{len(page.items)} interactions{more}")
    st.plotly_chart(timeline_figure(page.items), width="stretch", key="timeline")
    with st.expander("As a table"):
        st.dataframe(timeline_rows(page.items), hide_index=True, width="stretch")


def _deal_rows(deals: list[Any]) -> list[dict[str, Any]]:
    rows = []
    for deal in deals:
        score = cached("deal_score", deal.id)
        rows.append({"deal": deal.name, "stage": deal.stage,
                     "amount": money(deal.amount, deal.currency),
                     "win probability": percent(score.win_probability),
                     "expected value": money((deal.amount or 0) * score.win_probability,
                                             deal.currency),
                     "stuck": "yes" if score.stuck else "", "next step": deal.next_step})
    return rows


def _oracle(account: Any) -> None:
    deals = [d for d in cached("deals", account=account.id) if is_open(d.stage)]
    if deals:
        st.dataframe(_deal_rows(deals), hide_index=True, width="stretch")
    else:
        empty("No open deals on this account.")
    alerts = [a for a in cached("alerts").alerts if a.account_id == account.id]
    for alert in alerts:
        st.warning(f"**{alert.subject_name or alert.subject_id}**: {alert.message}")
    st.subheader("Next actions")
    for action in cached("health", account.id).next_actions:
        st.markdown(f"- **{action.action}** — {action.evidence}")
    st.subheader("Matching available properties")
    _matches(account)


def _matches(account: Any) -> None:
    found = cached("matching_properties", account.id)
    if found is None:
        st.caption("No vectors for this account yet (`rapport index`): available "
                   f"properties in {account.city or 'its city'} instead.")
        props = cached("properties", status="AVAILABLE", city=account.city)[:10]
        rows = [{"property": p.title, "type": p.type, "price": money(p.price, p.currency)}
                for p in props]
    else:
        rows = [{"property": m.title, "type": m.type, "city": m.city,
                 "price": money(m.price), "fit": round(m.score, 2),
                 "why": "; ".join(m.reasons)} for m in found.matches]
    if rows:
        st.dataframe(rows, hide_index=True, width="stretch")
    else:
        empty("No available property fits this account.")


def render() -> None:
    header("Account", "Health, drivers and the stakeholder map beside the Oracle view of "
           "the account's deals; its interactions below.")
    account = _pick_account()
    st.markdown(f"### {account.name}  \n{account.stage} · {account.tier} · "
                f"{account.industry} · {account.city}")
    left, right = st.columns(2, gap="large")
    with left:
        st.subheader("Health")
        _health(account.id)
        st.subheader("Stakeholder map")
        _stakeholders(account.id)
    with right:
        st.subheader("Oracle: open deals")
        _oracle(account)
    st.subheader("Interaction timeline")
    _timeline(account.id)

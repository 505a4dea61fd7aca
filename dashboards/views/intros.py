"""Warm intros: pick a target, see the k best paths as a graph, each hop explained."""

from __future__ import annotations

import streamlit as st

from dashboards.components import cached, empty, header
from dashboards.graphs import paths_figure

TEAM = "Whole team"


def render() -> None:
    header("Warm intros", "The strongest chains of people from the team to a target.")
    accounts = cached("accounts")
    members = cached("members")
    names = {m.id: m.name for m in members}
    cols = st.columns([2, 2, 2, 1])
    mode = cols[0].radio("Target", ["Account", "Person"], horizontal=True, key="mode")
    if mode == "Account":
        account_names = {a.id: a.name for a in accounts}
        target = cols[1].selectbox("Account", list(account_names), key="target_account",
                                   format_func=lambda i: account_names[i])
        request = {"to_account": target}
    else:
        person = cols[1].text_input("Person (name, email or id)", key="target_person")
        request = {"to": person.strip() or None}
    source = cols[2].selectbox("From", [TEAM, *names], key="from_member",
                               format_func=lambda i: names.get(i, i))
    k = cols[3].number_input("Paths", min_value=1, max_value=10, value=3, key="k")
    if not any(request.values()):
        empty("Name a person to find paths to.")
        return
    result = cached("intros", **request, from_member=None if source == TEAM else source,
                    k=int(k))
    if not result.paths:
        empty(f"No warm path to {result.target} within {result.max_hops} hops.")
        return
    st.plotly_chart(paths_figure(result.paths), width="stretch")
    for path in result.paths:
        people = " → ".join(p.name for p in path.people)
        with st.expander(f"Path {path.rank}: {people} (score {path.score:.2f})",
                         expanded=path.rank == 1):
            for step in path.steps:
                st.markdown(f"- {step.explanation}")
    if result.draft:
        st.subheader("Draft intro request")
        st.code(result.draft, language=None)

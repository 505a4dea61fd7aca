"""Ask: a chat over the graph with the answer, its citations and the Cypher it ran."""

from __future__ import annotations

from typing import Any

import streamlit as st

from dashboards.components import call, header

PAGES = {"Account": "account", "Deal": "oracle"}


def _citation(c: Any) -> str:
    page = PAGES.get(c.kind)
    if page == "account":
        return f"- [{c.kind} {c.id}](/account?account={c.id}): {c.text}"
    return f"- {c.kind} `{c.id}`: {c.text}"


def _show(answer: Any) -> None:
    st.markdown(answer.answer)
    if answer.citations:
        with st.expander(f"Citations ({len(answer.citations)})"):
            st.markdown("\n".join(_citation(c) for c in answer.citations))
    if answer.cypher:
        with st.expander("Cypher"):
            st.code(answer.cypher, language="cypher")
    if answer.rows:
        with st.expander(f"Rows ({len(answer.rows)})"):
            st.dataframe(answer.rows, hide_index=True)


def render() -> None:
    header("Ask", "Questions about accounts, deals and people, answered from the graph.")
    history: list[Any] = st.session_state.setdefault("ask_history", [])
    for answer in history:
        with st.chat_message("user"):
            st.markdown(answer.question)
        with st.chat_message("assistant"):
            _show(answer)
    question = st.chat_input("Which deals are closing next quarter?", key="question")
    if question:
        with st.chat_message("user"):
            st.markdown(question)
        answer = call("ask", question)
        history.append(answer)
        with st.chat_message("assistant"):
            _show(answer)

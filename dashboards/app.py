"""The Rapport dashboards: `rapport dashboard` runs this file with Streamlit."""

from __future__ import annotations

import streamlit as st

from dashboards.views import account, accounts, ask, imports, intros, oracle, team


def main() -> None:
    st.set_page_config(page_title="Rapport", page_icon=":material/hub:", layout="wide")
    pages = {
        "Accounts": [st.Page(accounts.render, title="Accounts", url_path="accounts",
                             icon=":material/domain:", default=True),
                     st.Page(account.render, title="Account", url_path="account",
                             icon=":material/insights:")],
        "Pipeline": [st.Page(oracle.render, title="Oracle", url_path="oracle",
                             icon=":material/query_stats:")],
        "People": [st.Page(intros.render, title="Warm intros", url_path="intros",
                           icon=":material/handshake:"),
                   st.Page(team.render, title="Team network", url_path="team",
                           icon=":material/groups:")],
        "Tools": [st.Page(ask.render, title="Ask", url_path="ask", icon=":material/chat:"),
                  st.Page(imports.render, title="Imports", url_path="imports",
                          icon=":material/upload_file:")],
    }
    st.navigation(pages).run()


if __name__ == "__main__":  # Streamlit runs the file as __main__
    main()

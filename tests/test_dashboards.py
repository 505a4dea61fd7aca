"""Every dashboard page rendered by Streamlit's AppTest against a real running API (a
seeded demo behind uvicorn), a filter changing what it shows, and a friendly message when
the API is down. Render times are printed (run with -s to see them), never asserted."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from graph.evidence import EvidenceStore
from graph.store import GraphStore
from tests.dashboard_fixtures import LiveApi, dashboard_env, free_port, live_api  # noqa: F401
from tests.evidence_fixtures import session_evidence  # noqa: F401

# Two rows of the same person each (one without an email): probable duplicates in-file.
TWINS = (b"Record ID,First Name,Last Name,Email,Associated Company\n"
         b"701,Rita,Sousa,,Acme Lda\n702,Rita,Sousa,rita@acme.pt,Acme Lda\n"
         b"703,Joao,Pires,,Acme Lda\n704,Joao,Pires,joao@acme.pt,Acme Lda\n")
PAGES = ["accounts", "account", "oracle", "intros", "ask", "imports", "team"]


@pytest.fixture(scope="module")
def api(session_store: GraphStore, session_evidence: EvidenceStore,  # noqa: F811
        tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveApi]:
    yield from live_api(session_store, session_evidence, tmp_path_factory.mktemp("demo"))


def page(name: str) -> AppTest:
    return AppTest.from_string(f"from dashboards.views.{name} import render\nrender()\n",
                               default_timeout=120)


def connect(env: pytest.MonkeyPatch, url: str, key: str) -> None:
    env.setenv("RAPPORT_DASHBOARD_API_URL", url)
    env.setenv("RAPPORT_DASHBOARD_API_KEY", key)


def run(app: AppTest, label: str) -> AppTest:
    start = time.perf_counter()
    app.run()
    print(f"\n[dashboard timing] {label}: {time.perf_counter() - start:.2f} s")
    assert not app.exception, [e.message for e in app.exception]
    return app


def rendered(name: str) -> AppTest:
    """The page rendered twice: the first load fills the cache, the second is timed too."""
    run(page(name), f"{name} first load")
    return run(page(name), f"{name} after first load")


def texts(app: AppTest) -> str:
    parts = [m.value for m in app.markdown] + [m.value for m in app.warning]
    parts += [str(m.value) for m in app.metric] + [t.value for t in app.title]
    return "\n".join(parts)


@pytest.mark.parametrize("name", PAGES)
def test_page_says_so_when_the_api_is_down(name: str,
                                           dashboard_env: pytest.MonkeyPatch) -> None:  # noqa: F811
    connect(dashboard_env, f"http://127.0.0.1:{free_port()}", "rk_nope")
    app = run(page(name), f"{name} with the API down")
    if name == "ask":  # these two call the API only once asked
        app.chat_input(key="question").set_value("How many accounts?").run()
    elif name == "imports":
        app.number_input(key="batch").set_value(1).run()
    assert not app.exception
    assert "not reachable" in app.error[0].value


def test_a_refused_key_is_a_friendly_message(api: LiveApi,
                                             dashboard_env: pytest.MonkeyPatch) -> None:  # noqa: F811
    connect(dashboard_env, api.url, "rk_bad_key")
    app = run(page("accounts"), "accounts with a bad key")
    assert "refused" in app.error[0].value


def test_accounts_filters_and_saved_views(api: LiveApi,
                                          dashboard_env: pytest.MonkeyPatch) -> None:  # noqa: F811
    connect(dashboard_env, api.url, api.key)
    app = rendered("accounts")
    table = app.dataframe[0].value
    assert len(table) == 12 and "Solaris Capital" in set(table["account"])
    assert {"health", "trend", "owner", "business unit", "open pipeline",
            "risk flags"} <= set(table.columns)
    assert table["health"].between(0, 100).all()
    assert all(len(points) == 6 for points in table["trend"])
    tier = table["tier"].iloc[0]
    app.multiselect(key="tier").select(tier).run()
    filtered = app.dataframe[0].value
    assert 0 < len(filtered) < 12 and set(filtered["tier"]) == {tier}
    app.multiselect(key="tier").unselect(tier).run()
    unit = app.multiselect(key="business_unit").options[0]
    app.multiselect(key="business_unit").select(unit).run()
    in_unit = app.dataframe[0].value
    assert 0 < len(in_unit) < 12 and all(unit in u for u in in_unit["business unit"])
    app.multiselect(key="business_unit").unselect(unit).run()
    owner = app.multiselect(key="owner").options[0]
    app.multiselect(key="owner").select(owner).run()
    assert all(owner in o for o in app.dataframe[0].value["owner"])
    app.multiselect(key="owner").unselect(owner).run()
    app.radio(key="view").set_value("Accounts without an owner").run()
    ownerless = app.dataframe[0].value if app.dataframe else []
    assert len(ownerless) < 12
    assert all(o == "" and "no owner" in f
               for o, f in zip(ownerless["owner"], ownerless["risk flags"], strict=True))


def test_account_page_shows_health_beside_the_oracle(api: LiveApi,
                                                    dashboard_env: pytest.MonkeyPatch) -> None:  # noqa: F811
    connect(dashboard_env, api.url, api.key)
    app = rendered("account")
    first = texts(app)
    assert "Solaris Capital" in first and "/ 100" in first
    assert not app.error, [e.value for e in app.error]
    headings = {s.value for s in app.subheader}
    assert {"Next actions", "Stakeholder map", "Interaction timeline",
            "Matching available properties"} <= headings
    charts = app.get("plotly_chart")
    assert len(charts) == 3  # health trend, org chart, timeline
    assert any("people known" in c.value for c in app.caption)
    app.selectbox(key="account").select("acc_00002").run()
    assert "Northwind Family Office" in texts(app) and texts(app) != first


def test_account_page_matches_properties_once_indexed(
        api: LiveApi, session_store: GraphStore,
        dashboard_env: pytest.MonkeyPatch) -> None:  # noqa: F811
    from embeddings import Indexer, get_encoder, load_search_settings

    connect(dashboard_env, api.url, api.key)
    app = run(page("account"), "account before indexing")
    assert any("No vectors for this account yet" in c.value for c in app.caption)
    Indexer(session_store, get_encoder(), load_search_settings()).index()
    import streamlit as st

    st.cache_data.clear()
    app = run(page("account"), "account after indexing")
    assert not any("No vectors" in c.value for c in app.caption)
    matches = next(d.value for d in app.dataframe if "fit" in d.value.columns)
    assert len(matches) > 0 and matches["why"].str.len().min() > 0


def test_oracle_page_filters_by_owner(api: LiveApi,
                                      dashboard_env: pytest.MonkeyPatch) -> None:  # noqa: F811
    connect(dashboard_env, api.url, api.key)
    app = rendered("oracle")
    assert {"Stuck deals", "Property inventory"} <= {s.value for s in app.subheader}
    assert any("Win/loss" in s.value for s in app.subheader)
    everyone = app.dataframe[0].value
    assert len(everyone) > 0
    owner = app.selectbox(key="owner")
    seen = []
    for member in owner.options[1:]:
        owner.select(member).run()
        assert app.subheader[0].value.startswith("Deals of")
        if not any("No open deals" in i.value for i in app.info):
            seen.append(set(app.dataframe[0].value["deal"]))
        owner = app.selectbox(key="owner")
    assert seen and all(0 < len(deals) < len(everyone) for deals in seen)
    assert set().union(*seen) <= set(everyone["deal"])


def test_intros_draws_paths_and_follows_the_target(api: LiveApi,
                                                   dashboard_env: pytest.MonkeyPatch) -> None:  # noqa: F811
    connect(dashboard_env, api.url, api.key)
    app = rendered("intros")
    assert app.get("plotly_chart") and app.expander
    first = [e.label for e in app.expander]
    assert first[0].startswith("Path 1:")
    app.number_input(key="k").set_value(1).run()
    assert len(app.expander) == 1
    app.selectbox(key="target_account").select("acc_00002").run()
    assert [e.label for e in app.expander] != first[:1]
    app.radio(key="mode").set_value("Person").run()
    assert "Name a person" in app.info[0].value


def test_ask_shows_answer_and_cypher(api: LiveApi,
                                     dashboard_env: pytest.MonkeyPatch) -> None:  # noqa: F811
    connect(dashboard_env, api.url, api.key)
    app = rendered("ask")
    app.chat_input(key="question").set_value("How many accounts are there?").run()
    assert not app.exception and not app.error
    assert any("12 accounts" in m.value for m in app.markdown)
    assert any("MATCH" in c.value for c in app.code)
    app.chat_input(key="question").set_value("Which deals are closing next quarter?").run()
    assert len(app.chat_message) == 4


def test_imports_preview_approve_and_undo(api: LiveApi,
                                         dashboard_env: pytest.MonkeyPatch) -> None:  # noqa: F811
    from dashboards.client import RapportClient
    from tests.evidence_fixtures import fixture_bytes

    connect(dashboard_env, api.url, api.key)
    app = rendered("imports")
    assert "Upload a file" in app.info[0].value
    staged = RapportClient(api.url, api.key).stage_import(
        "hubspot_contacts.csv", fixture_bytes("hubspot_contacts.csv"))
    app.number_input(key="batch").set_value(staged.batch_id).run()
    assert "Status **staged**" in app.markdown[0].value and app.dataframe
    app.button(key="approve").click().run()
    assert "Status **committed**" in app.markdown[0].value
    app.button(key="undo").click().run()
    assert "Status **undone**" in app.markdown[0].value


def test_imports_page_decides_probable_duplicates(api: LiveApi,
                                                  dashboard_env: pytest.MonkeyPatch) -> None:  # noqa: F811
    from dashboards.client import RapportClient

    connect(dashboard_env, api.url, api.key)
    client = RapportClient(api.url, api.key)
    staged = client.stage_import("twins.csv", TWINS, "hubspot-contacts")
    numbers = {d.name: d.number for d in staged.probable_duplicates}
    assert set(numbers) == {"Rita Sousa", "Joao Pires"}
    app = run(page("imports"), "imports with duplicates")
    app.number_input(key="batch").set_value(staged.batch_id).run()
    assert "Probable duplicates (2)" in {s.value for s in app.subheader}
    app.button(key=f"merge-{numbers['Rita Sousa']}").click().run()
    app.button(key=f"split-{numbers['Joao Pires']}").click().run()
    assert not app.exception and not app.error
    decided = {d.name: d.decision for d in client.import_preview(staged.batch_id)
               .probable_duplicates}
    assert decided == {"Rita Sousa": "merge", "Joao Pires": "split"}
    shown = " ".join(m.value for m in app.markdown)
    assert "→ *merge*" in shown and "→ *split*" in shown


def test_team_network_by_target_tier(api: LiveApi,
                                     dashboard_env: pytest.MonkeyPatch) -> None:  # noqa: F811
    connect(dashboard_env, api.url, api.key)
    app = rendered("team")
    shown = len(app.dataframe[0].value) if app.dataframe else 0
    tiers = app.multiselect(key="tiers")
    others = [t for t in tiers.options if t not in tiers.value]
    tiers.set_value(tiers.value + others[:2]).run()
    wider = app.dataframe[0].value
    assert len(wider) > shown and set(wider.columns) >= {"account", "key known", "gaps"}
    assert app.subheader[0].value == "Strongest connectors" and len(app.dataframe[1].value)


def test_cli_runs_the_app_and_needs_a_key(dashboard_env: pytest.MonkeyPatch) -> None:  # noqa: F811
    from typer.testing import CliRunner

    from api.cli import app

    dashboard_env.delenv("RAPPORT_DASHBOARD_API_KEY", raising=False)
    refused = CliRunner().invoke(app, ["dashboard", "--print-command"])
    assert refused.exit_code != 0 and "RAPPORT_DASHBOARD_API_KEY" in str(refused.exception)
    dashboard_env.setenv("RAPPORT_DASHBOARD_API_KEY", "rk_x_y")
    shown = CliRunner().invoke(app, ["dashboard", "--print-command", "--port", "8599"])
    assert shown.exit_code == 0, shown.output
    assert "streamlit run" in shown.output and "dashboards/app.py" in shown.output
    assert "--server.port=8599" in shown.output


def test_the_multipage_app_opens_on_accounts(api: LiveApi,
                                            dashboard_env: pytest.MonkeyPatch) -> None:  # noqa: F811
    import dashboards

    connect(dashboard_env, api.url, api.key)
    app = AppTest.from_file(str(Path(dashboards.__file__).with_name("app.py")),
                            default_timeout=120)
    run(app, "app (accounts page)")
    assert app.title[0].value == "Accounts" and len(app.dataframe[0].value) == 12

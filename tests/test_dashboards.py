"""Every dashboard page rendered by Streamlit's AppTest against a real running API (a
seeded demo behind uvicorn), a filter changing what it shows, and a friendly message when
the API is down. Render times are printed (run with -s to see them), never asserted."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from streamlit.testing.v1 import AppTest

from graph.evidence import EvidenceStore
from graph.store import GraphStore
from tests.dashboard_fixtures import LiveApi, dashboard_env, free_port, live_api  # noqa: F401
from tests.evidence_fixtures import session_evidence  # noqa: F401

PAGES = ["accounts", "account", "oracle"]


@pytest.fixture(scope="module")
def api(session_store: GraphStore, session_evidence: EvidenceStore,  # noqa: F811
        tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveApi]:
    yield from live_api(session_store, session_evidence, tmp_path_factory.mktemp("demo"))


def page(name: str) -> AppTest:
    return AppTest.from_string(f"from dashboards.pages.{name} import render\nrender()\n",
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
    tier = table["tier"].iloc[0]
    app.multiselect(key="tier").select(tier).run()
    filtered = app.dataframe[0].value
    assert 0 < len(filtered) < 12 and set(filtered["tier"]) == {tier}
    app.multiselect(key="tier").unselect(tier).run()
    app.radio(key="view").set_value("Accounts without an owner").run()
    ownerless = app.dataframe[0].value if app.dataframe else []
    assert len(ownerless) < 12
    assert all("account without owner" in f for f in ownerless["risk flags"])


def test_account_page_shows_health_beside_the_oracle(api: LiveApi,
                                                    dashboard_env: pytest.MonkeyPatch) -> None:  # noqa: F811
    connect(dashboard_env, api.url, api.key)
    app = rendered("account")
    first = texts(app)
    assert "Solaris Capital" in first and "/ 100" in first
    assert not app.error, [e.value for e in app.error]
    assert app.subheader and any("Next actions" in s.value for s in app.subheader)
    app.selectbox(key="account").select("acc_00002").run()
    assert "Northwind Family Office" in texts(app) and texts(app) != first


def test_oracle_page_filters_by_owner(api: LiveApi,
                                      dashboard_env: pytest.MonkeyPatch) -> None:  # noqa: F811
    connect(dashboard_env, api.url, api.key)
    app = rendered("oracle")
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

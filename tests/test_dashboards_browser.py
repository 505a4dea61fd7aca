"""Every dashboard page in a real browser (Debian's chromium driven by Playwright) against a
running app on a running API; each page's screenshot is saved (docs/screenshots/ when
RAPPORT_UPDATE_SCREENSHOTS=1, else the test's temp folder)."""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from api.cli_dashboard import streamlit_command
from graph.evidence import EvidenceStore
from graph.store import GraphStore
from tests.dashboard_fixtures import LiveApi, free_port, live_api
from tests.evidence_fixtures import session_evidence  # noqa: F401

CHROMIUM = Path("/usr/bin/chromium")
DOCS = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
# url path -> text the page itself writes once its data has arrived
PAGES = {"accounts": "Accounts shown", "account": "Next actions", "oracle": "Win/loss",
         "intros": "Path 1", "team": "Strongest connectors", "imports": "Upload a file",
         "ask": "12 accounts"}

# The main area scrolls inside the page, so a full-page screenshot is only the viewport:
# the account page gets a tall one to show its org chart and timeline.
HEIGHTS = {"account": 2900}

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium")


@pytest.fixture(scope="module")
def api(session_store: GraphStore, session_evidence: EvidenceStore,  # noqa: F811
        tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveApi]:
    yield from live_api(session_store, session_evidence, tmp_path_factory.mktemp("demo"))


@pytest.fixture(scope="module")
def dashboard(api: LiveApi) -> Iterator[str]:
    port = free_port()
    env = {**os.environ, "RAPPORT_DASHBOARD_API_URL": api.url,
           "RAPPORT_DASHBOARD_API_KEY": api.key}
    process = subprocess.Popen(streamlit_command(port, "127.0.0.1"), env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:  # readiness, not timing: wait for Streamlit's health probe
        try:
            if httpx.get(url + "/_stcore/health", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline or process.poll() is not None:
            process.kill()
            raise RuntimeError("streamlit did not start")
        time.sleep(0.2)
    yield url
    process.terminate()
    process.wait(timeout=10)


def test_every_page_in_chromium(dashboard: str, tmp_path: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    folder = DOCS if os.environ.get("RAPPORT_UPDATE_SCREENSHOTS") == "1" else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        for path, text in PAGES.items():
            start = time.perf_counter()
            page.set_viewport_size({"width": 1400, "height": HEIGHTS.get(path, 1000)})
            # The default page lives at "/": its url_path would open "Page not found".
            page.goto(f"{dashboard}/{'' if path == 'accounts' else path}")
            if path == "ask":
                box = page.get_by_placeholder("Which deals are closing next quarter?")
                box.wait_for(timeout=60_000)
                box.fill("How many accounts are there?")
                box.press("Enter")
            try:
                page.get_by_text(text).first.wait_for(timeout=60_000)
            except sync_api.Error:
                page.screenshot(path=str(tmp_path / f"failed-{path}.png"))  # to see why
                raise
            page.wait_for_timeout(1500)  # let charts finish drawing before the screenshot
            print(f"\n[browser timing] {path}: {time.perf_counter() - start:.2f} s")
            assert page.get_by_text("Traceback").count() == 0
            page.screenshot(path=str(folder / f"{path}.png"), full_page=True)
        browser.close()
    assert sorted(f.stem for f in folder.glob("*.png")) == sorted(PAGES)

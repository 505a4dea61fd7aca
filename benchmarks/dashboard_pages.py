"""Dashboard pages on the 250-client demo: each page rendered by Streamlit's AppTest against
`rapport serve` (first load, then after it, from the page cache), as a ratio to a baseline
measured in the same run (AppTest rendering a one-line page, Streamlit's own floor).
Target: every page under 2 s after the first load.

    python benchmarks/dashboard_pages.py                      # demo in a temp dir (seeded if empty)
    python benchmarks/dashboard_pages.py --data-dir /tmp/demo
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import tempfile
import time
from pathlib import Path

from api_load import RAPPORT, _env, _free_port, _rapport, _wait  # same folder: the server
from streamlit.testing.v1 import AppTest

PAGES = ["accounts", "account", "oracle", "intros", "ask", "imports", "team"]


def _render(script: str) -> float:
    app = AppTest.from_string(script, default_timeout=300)
    start = time.perf_counter()
    app.run()
    elapsed = time.perf_counter() - start
    if app.exception:
        raise SystemExit(f"page failed: {app.exception[0].message}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=None)
    args = parser.parse_args()
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="rapport-dashboards-"))
    env = _env(data_dir)
    print(f"seeding the demo in {data_dir} (if empty) ...", flush=True)
    _rapport(env, "demo", "--if-empty")
    token = json.loads(_rapport(env, "keys", "create", "--role", "admin", "--label",
                                "bench_dashboards", "--json"))["token"]
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([RAPPORT, "serve", "--port", str(port)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait(base)
        os.environ.update(RAPPORT_DASHBOARD_API_URL=base, RAPPORT_DASHBOARD_API_KEY=token)
        floor = min(_render("import streamlit as st\nst.write('ok')\n") for _ in range(3))
        print(f"baseline (one-line page): {floor:.3f} s")
        worst = 0.0
        for name in PAGES:
            script = f"from dashboards.views.{name} import render\nrender()\n"
            first, cached = _render(script), _render(script)
            worst = max(worst, cached)
            print(f"{name:<9} first {first:6.2f} s   after first load {cached:5.2f} s "
                  f"({cached / floor:5.1f}x baseline)")
        print(f"slowest page after the first load: {worst:.2f} s "
              f"(target < 2 s: {'met' if worst < 2 else 'NOT met'})")
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()

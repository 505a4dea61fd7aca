"""README commands are run: every `rapport ...` line of its sh blocks (except those marked
slow, which other tests and the benchmarks cover), and `rapport serve` answering /v1/stats
to a key made with `rapport keys create`.

The commands run in README order in two parts, each on its own data folder: up to
`rapport reset --yes` on the full demo (here), and from it on (test_readme_tail.py, a file
of its own so the suite's workers run the two at once: the first part is the suite's
longest test)."""

from __future__ import annotations

import json
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

README = (Path(__file__).resolve().parent.parent / "README.md").read_text()
RAPPORT = str(Path(sys.executable).parent / "rapport")
pytestmark = pytest.mark.skipif(bool(os.environ.get("NEO4J_URI")),
                                reason="README runs on the embedded default")


def readme_commands() -> list[str]:
    blocks = re.findall(r"```sh\n(.*?)```", README, re.DOTALL)
    lines = [line.strip() for block in blocks for line in block.splitlines()]
    return [line.split("#")[0].strip() for line in lines
            if line.startswith("rapport ") and "# slow" not in line]


def readme_parts() -> tuple[list[str], list[str]]:
    """(the commands before `rapport reset --yes`, those from it on)."""
    commands = readme_commands()
    reset = next(i for i, c in enumerate(commands) if c.startswith("rapport reset"))
    return commands[:reset], commands[reset:]


def run_in_order(commands: list[str], tmp_path: Path) -> None:
    env = clean_env(tmp_path)
    for command in commands:
        args = shlex.split(command)
        result = subprocess.run([RAPPORT, *args[1:]], env=env, capture_output=True, text=True,
                                timeout=600)
        assert result.returncode == 0, f"{command}: {result.stderr}"


def clean_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RAPPORT_", "NEO4J_"))}
    env["RAPPORT_DATA_DIR"] = str(tmp_path / "data")
    return env


def test_readme_lists_the_contract_commands() -> None:
    commands = readme_commands()
    for needed in ("rapport demo", "rapport stats", "rapport reset --yes"):
        assert any(c.startswith(needed) for c in commands), needed
    assert "make run" in README and "make test" in README


@pytest.mark.slow
@pytest.mark.longest
@pytest.mark.timeout(900)  # the demo embeds and indexes everything, then ask loads a model
def test_readme_commands_run(tmp_path: Path) -> None:
    before_reset, _ = readme_parts()
    assert before_reset[0] == "rapport demo"
    run_in_order(before_reset, tmp_path)


def test_serve_answers_stats(tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = clean_env(tmp_path)
    created = subprocess.run([RAPPORT, "keys", "create", "--role", "viewer", "--json"], env=env,
                             capture_output=True, text=True, timeout=120, check=True)
    auth = {"Authorization": f"Bearer {json.loads(created.stdout)['token']}"}
    server = subprocess.Popen([RAPPORT, "serve", "--port", str(port)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        body = None
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and body is None:
            try:
                body = httpx.get(f"http://127.0.0.1:{port}/v1/stats", headers=auth,
                                 timeout=2).json()
            except httpx.HTTPError:
                time.sleep(0.2)
        assert body is not None, "rapport serve did not answer"
        assert body["engine"] == "falkordb" and "nodes" in body
    finally:
        server.send_signal(signal.SIGINT)
        _, stderr = server.communicate(timeout=30)
    assert "Traceback" not in stderr

"""The `rapport` command: bad config ends in one clear line; demo, stats and reset work."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

RAPPORT = str(Path(sys.executable).parent / "rapport")
embedded_only = pytest.mark.skipif(bool(os.environ.get("NEO4J_URI")),
                                   reason="uses the embedded engine's data folder")


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("RAPPORT_", "NEO4J_"))}
    return subprocess.run([RAPPORT, *args], env={**base, **(env or {})}, capture_output=True,
                          text=True, timeout=240)


def assert_one_line_error(result: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("rapport: error: ")
    assert "Traceback" not in result.stderr
    for needle in needles:
        assert needle in lines[0]


def test_unknown_uri_scheme(tmp_path: Path) -> None:
    result = run("stats", env={"RAPPORT_GRAPH_URI": "mongodb://localhost"})
    assert_one_line_error(result, "RAPPORT_GRAPH_URI", "mongodb")


def test_unreachable_neo4j() -> None:
    with socket.socket() as s:  # a port with nothing listening
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    result = run("stats", env={"RAPPORT_GRAPH_URI": f"bolt://127.0.0.1:{port}"})
    assert_one_line_error(result, "cannot reach Neo4j", "RAPPORT_GRAPH_URI")


def test_port_taken(tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = str(s.getsockname()[1])
        result = run("stats", env={"RAPPORT_FALKORDB_PORT": port,
                                   "RAPPORT_DATA_DIR": str(tmp_path)})
    assert_one_line_error(result, f"port {port}", "RAPPORT_FALKORDB_PORT")


def test_unwritable_data_folder(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    result = run("stats", env={"RAPPORT_DATA_DIR": str(blocker / "data")})
    assert_one_line_error(result, "not writable", "RAPPORT_DATA_DIR")


def test_bad_numeric_setting() -> None:
    result = run("stats", env={"RAPPORT_QUERY_TIMEOUT_S": "soon"})
    assert_one_line_error(result, "RAPPORT_QUERY_TIMEOUT_S")


def test_bad_scale_value(tmp_path: Path) -> None:
    result = run("demo", "--scale", "lots", env={"RAPPORT_DATA_DIR": str(tmp_path)})
    assert_one_line_error(result, "--scale")


@embedded_only
def test_demo_stats_reset_round_trip(tmp_path: Path) -> None:
    env = {"RAPPORT_DATA_DIR": str(tmp_path / "data")}
    seeded = run("demo", "--clients", "8", "--seed", "7", "--as-of", "2026-11-01", "--json",
                 env=env)
    assert seeded.returncode == 0, seeded.stderr
    summary = json.loads(seeded.stdout)
    assert summary["nodes"]["Contact"] > 0 and not summary["skipped_relationships"]
    assert Path(summary["truth_file"]).is_file()
    assert not Path(summary["truth_file"]).is_relative_to(tmp_path / "data")
    indexed = summary["index"]  # the demo is embedded for search as it loads
    assert indexed["entities_embedded"] == indexed["entities_seen"] > 0
    assert indexed["chunks_embedded"] > 0

    again = run("demo", "--if-empty", env=env)
    assert again.returncode == 0 and "already holds data" in again.stdout

    stats = json.loads(run("stats", "--json", env=env).stdout)
    assert stats["engine"] == "falkordb"
    assert stats["nodes"] == summary["nodes"]
    loaded = sum(summary["relationships"].values())
    assert sum(stats["relationships"].values()) == loaded + summary["ties_created"]
    assert summary["scored_relationships"] >= summary["relationships"]["KNOWS"]
    assert "Contact" in run("stats", env=env).stdout

    refused = run("reset", env=env)
    assert refused.returncode == 2 and "--yes" in refused.stderr
    assert run("reset", "--yes", env=env).returncode == 0
    assert json.loads(run("stats", "--json", env=env).stdout)["nodes"] == {}


@pytest.mark.parametrize("command", [["demo", "--as-of", "yesterday"],
                                     ["rescore", "--as-of", "2026-13-45"]])
def test_bad_dates(tmp_path: Path, command: list[str]) -> None:
    result = run(*command, env={"RAPPORT_DATA_DIR": str(tmp_path)})
    assert_one_line_error(result, "--as-of")


@pytest.mark.parametrize(("args", "needle"), [
    (["intro", "--to", "x", "--k", "0"], "k:"),
    (["intro"], "exactly one of"),
    (["intro", "--to", "x", "--to-account", "y"], "exactly one of"),
])
def test_bad_intro_options(tmp_path: Path, args: list[str], needle: str) -> None:
    assert_one_line_error(run(*args, env={"RAPPORT_DATA_DIR": str(tmp_path)}), needle)

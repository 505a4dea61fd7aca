"""The embedded FalkorDB child process: start, attach, stop, stale state, crash safety."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest

from graph.errors import EngineStartError
from graph.settings import load_settings
from graph.store import open_store
from graph.store.embedded import EmbeddedFalkorDB

pytestmark = pytest.mark.skipif(bool(os.environ.get("NEO4J_URI")),
                                reason="embedded engine only")


def _redis_children_of(data_dir: Path) -> list[psutil.Process]:
    found = []
    for proc in psutil.process_iter(["name", "cwd"]):
        try:
            if "redis-server" in (proc.info["name"] or "") and \
                    Path(proc.info["cwd"] or "/").resolve() == data_dir.resolve():
                found.append(proc)
        except psutil.Error:
            continue
    return found


def _wait_gone(data_dir: Path, seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not _redis_children_of(data_dir):
            return True
        time.sleep(0.05)
    return False


@pytest.fixture
def taken_port() -> Iterator[int]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        yield int(s.getsockname()[1])


def test_start_and_stop_leave_no_process(tmp_path: Path) -> None:
    server = EmbeddedFalkorDB(tmp_path)
    endpoint = server.start()
    assert endpoint.host == "127.0.0.1" and server.owned
    assert len(_redis_children_of(tmp_path)) == 1
    assert (tmp_path / "server.json").stat().st_mode & 0o777 == 0o600
    server.stop()
    assert _wait_gone(tmp_path)
    assert not (tmp_path / "server.json").exists()


def test_second_opener_attaches_instead_of_starting_another(tmp_path: Path) -> None:
    owner, guest = EmbeddedFalkorDB(tmp_path), EmbeddedFalkorDB(tmp_path)
    first = owner.start()
    try:
        assert guest.start() == first
        assert not guest.owned
        guest.stop()  # a guest never stops the owner's server
        assert len(_redis_children_of(tmp_path)) == 1
    finally:
        owner.stop()


def test_stale_state_file_is_ignored(tmp_path: Path) -> None:
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    (tmp_path / "server.json").write_text(json.dumps(
        {"host": "127.0.0.1", "port": 1, "password": "x", "pid": dead.pid}))
    server = EmbeddedFalkorDB(tmp_path)
    try:
        assert server.start().pid != dead.pid and server.owned
    finally:
        server.stop()


def test_configured_port_in_use_fails_with_the_setting_to_change(
        tmp_path: Path, taken_port: int) -> None:
    with pytest.raises(EngineStartError) as info:
        EmbeddedFalkorDB(tmp_path, port=taken_port).start()
    assert f"port {taken_port}" in str(info.value)
    assert "RAPPORT_FALKORDB_PORT" in str(info.value)


def test_unwritable_data_folder_names_the_setting(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(EngineStartError, match="RAPPORT_DATA_DIR"):
        EmbeddedFalkorDB(blocker / "data").start()


_WRITER = textwrap.dedent("""
    import sys
    from graph.settings import load_settings
    from graph.store import open_store
    store = open_store(load_settings(data_dir=sys.argv[1]))
    rows = [{"id": f"ct_{i}", "props": {"name": f"Contact {i}"},
             "created_at": "2026-01-01T00:00:00", "updated_at": "2026-01-01T00:00:00"}
            for i in range(int(sys.argv[2]))]
    store.write("load/nodes/contact", {"rows": rows})
    print("committed", flush=True)
    sys.stdin.read()  # block until killed
""")


def test_sigkill_loses_no_committed_data_and_orphans_nothing(tmp_path: Path) -> None:
    app = subprocess.Popen([sys.executable, "-c", _WRITER, str(tmp_path), "2500"],
                           stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert app.stdout is not None
    assert app.stdout.readline().strip() == "committed"
    assert len(_redis_children_of(tmp_path)) == 1
    app.send_signal(signal.SIGKILL)
    app.wait()
    assert _wait_gone(tmp_path), "the FalkorDB child outlived its killed parent"
    store = open_store(load_settings(data_dir=tmp_path))
    try:
        assert store.read_cypher("MATCH (c:Contact) RETURN count(c) AS n") == [{"n": 2500}]
    finally:
        store.close()


def test_sigkilled_api_server_restarts_with_its_data(tmp_path: Path) -> None:
    import httpx

    rapport = str(Path(sys.executable).parent / "rapport")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RAPPORT_", "NEO4J_"))}
    env["RAPPORT_DATA_DIR"] = str(tmp_path)
    # The timeouts only stop a hang: seeding took 27 s alone and over 120 s on a slow host
    # with another test worker seeding at the same time.
    seeded = subprocess.run([rapport, "demo", "--clients", "5", "--as-of", "2026-11-01"],
                            env=env, capture_output=True, text=True, timeout=600)
    assert seeded.returncode == 0, seeded.stderr
    created = subprocess.run([rapport, "keys", "create", "--role", "viewer", "--json"], env=env,
                             capture_output=True, text=True, timeout=600, check=True)
    auth = {"Authorization": f"Bearer {json.loads(created.stdout)['token']}"}

    def serve_and_count() -> tuple[subprocess.Popen[bytes], dict[str, int]]:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        server = subprocess.Popen([rapport, "serve", "--port", str(port)], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            try:
                return server, httpx.get(f"http://127.0.0.1:{port}/v1/stats",
                                          headers=auth).json()["nodes"]
            except httpx.HTTPError:
                time.sleep(0.1)
        server.kill()
        raise AssertionError("rapport serve did not answer")

    server, before = serve_and_count()
    server.send_signal(signal.SIGKILL)
    server.wait()
    assert _wait_gone(tmp_path), "the FalkorDB child outlived the killed API server"
    server, after = serve_and_count()
    server.send_signal(signal.SIGINT)
    server.wait(timeout=30)
    assert after == before and before["Contact"] > 0

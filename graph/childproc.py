"""What both embedded servers (FalkorDB, PostgreSQL) need from a child process: die with
their owner, start one at a time per folder, stop gracefully."""

from __future__ import annotations

import fcntl
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_PR_SET_PDEATHSIG = 1


def set_parent_death_signal(sig: int) -> None:
    """Call in the child before exec: the kernel sends `sig` when the parent dies, so even a
    SIGKILLed owner leaves no orphan. It is bound to the thread that forked the child."""
    import ctypes

    libc = ctypes.CDLL("libc.so.6", use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, sig)


@contextmanager
def folder_lock(folder: Path, name: str = "server.lock") -> Iterator[None]:
    """Serialise the starts of servers on one folder across processes."""
    with (folder / name).open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def stop_child(process: subprocess.Popen[bytes], sig: int, timeout_s: float = 30.0) -> None:
    """Ask the server to stop with `sig` (its graceful shutdown), then kill it if it hangs."""
    if process.poll() is not None:
        return
    process.send_signal(sig)
    try:
        process.wait(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def ensure_writable_folder(folder: Path, what: str, hint: str) -> None:
    """Create `folder` and prove it writable, or fail with one line naming the setting."""
    from graph.errors import EngineStartError

    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / ".write-test"
        probe.write_text("ok")
        probe.unlink()
    except OSError as e:
        raise EngineStartError(f"{what} {folder} is not writable ({e.strerror})",
                               hint=hint) from e

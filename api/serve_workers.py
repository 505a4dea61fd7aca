"""Worker processes for `rapport serve --workers N`, each listening on its own socket.

uvicorn's workers share one listening socket, and keep-alive clients then stay with whichever
worker accepted them first: under 20 clients one worker ran at 87 % of a core and the other
at 19 %. Here every worker binds its own socket on the same address with SO_REUSEPORT, and
the kernel spreads new connections across them. This process only supervises: it restarts a
worker that dies and stops them all on SIGINT or SIGTERM. Workers that keep dying (a bad
setting, a broken install: they would die again at every start) end the server instead of
restarting forever.
"""

from __future__ import annotations

import logging
import multiprocessing
import signal
import socket
import time
from collections import deque
from multiprocessing.process import BaseProcess
from types import FrameType

from graph.errors import ConfigError, RapportError

log = logging.getLogger("rapport.serve")
REUSEPORT = hasattr(socket, "SO_REUSEPORT")  # Linux, macOS, the BSDs; not Windows
CRASH_LOOP = (5, 60.0)  # this many worker exits within this many seconds: give up


class WorkersKeepFailing(RapportError):
    """Workers died again and again; restarting them would not help."""


def reuseport_socket(host: str, port: int) -> socket.socket:
    """A listening socket that other workers can bind to the same address too."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        sock.bind((host, port))
        sock.listen(2048)
    except OSError as e:
        sock.close()
        raise ConfigError(f"cannot listen on {host}:{port}: {e.strerror or e}",
                          hint="another program may hold the port: pick one with --port") from e
    return sock


def _worker(host: str, port: int, access_log: bool) -> None:
    """One worker (a fresh interpreter): the app from `served_app`, on its own socket."""
    import uvicorn

    sock = reuseport_socket(host, port)
    config = uvicorn.Config("api.cli_serve:served_app", factory=True, log_level="info",
                            access_log=access_log)
    uvicorn.Server(config).run(sockets=[sock])


class Supervisor:
    """Starts `count` workers, restarts one that dies, stops them all on a signal."""

    def __init__(self, host: str, port: int, count: int, access_log: bool) -> None:
        self.args = (host, port, access_log)
        self.count = count
        self.context = multiprocessing.get_context("spawn")
        self.workers: list[BaseProcess] = []
        self.stopping = False
        self.exits: deque[float] = deque(maxlen=CRASH_LOOP[0])

    def run(self) -> None:
        reuseport_socket(self.args[0], self.args[1]).close()  # a taken port fails here, once
        previous = {s: signal.signal(s, self._stop) for s in (signal.SIGINT, signal.SIGTERM)}
        try:
            self.workers = [self._start() for _ in range(self.count)]
            while not self.stopping:
                self._restart_dead()
                time.sleep(0.5)
        finally:
            self._shutdown()
            for sig, handler in previous.items():
                signal.signal(sig, handler)

    def _start(self) -> BaseProcess:
        process = self.context.Process(target=_worker, args=self.args, daemon=False)
        process.start()
        return process

    def _restart_dead(self) -> None:
        for n, process in enumerate(self.workers):
            if not process.is_alive() and not self.stopping:
                log.warning("worker %s exited with %s; starting another", process.pid,
                            process.exitcode)
                self._count_exit()
                self.workers[n] = self._start()

    def _count_exit(self) -> None:
        now = time.monotonic()
        self.exits.append(now)
        count, window = CRASH_LOOP
        if len(self.exits) == count and now - self.exits[0] < window:
            raise WorkersKeepFailing(
                f"{count} workers exited within {window:.0f} s; stopping the server",
                hint="the workers' own errors are in the log above")

    def _stop(self, signum: int, frame: FrameType | None) -> None:
        self.stopping = True

    def _shutdown(self) -> None:
        for process in self.workers:
            if process.is_alive():
                process.terminate()  # SIGTERM: uvicorn finishes the requests in flight
        deadline = time.monotonic() + 30
        for process in self.workers:
            process.join(timeout=max(0.1, deadline - time.monotonic()))
            if process.is_alive():
                process.kill()
                process.join(timeout=5)

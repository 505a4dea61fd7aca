"""Graph writes sent in order by a thread of their own, and a chunk's change log recorded
by another, ahead of them.

A commit is Python work (rows built, parameters serialised) and database work (the change
log copied into PostgreSQL, the upserts run by the engine) for each chunk of a batch.
Doing the database work on threads lets the caller build the next chunk meanwhile: the
databases are other processes, and a thread waiting on their sockets holds no GIL. The
change log goes on a thread of its own so that the engine never waits for it: the writes
of a chunk still start only once its change log is recorded, and the writes run in the
order they were given, one at a time.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any

from graph.store import GraphStore
from graph.store.base import PreparedWrite

Writes = list[tuple[str, list[dict[str, Any]]]]
Guard = Callable[[int], None]  # before each write, with the writes run so far; may raise
# Jobs queued at most: room for a chunk's build to overlap the last chunk's writes (with 4,
# a 300,000-message approve took 48-51 s; with 16, 40 s), and a bound on memory (a
# prepared write holds a few MB).
_AHEAD = 16
_RECORDS_AHEAD = 4  # change logs built ahead of the writes (a chunk's is a few MB)


@dataclass
class _Record:
    """A change log to record; in the writes' queue, the point to wait until it is. Its
    failure stops the writes from there on (the earlier ones were covered by theirs)."""

    job: Callable[[], object]
    done: threading.Event = field(default_factory=threading.Event)
    error: BaseException | None = None


class WriteSender:
    """`send()` queues writes and `record()` the change log they need first; `finish()`
    waits for them and raises the first error. Used as a context manager: leaving it, on
    an error too, returns only once nothing of this sender is running, and nothing queued
    runs after an error. `guard`, when given, runs on the sending thread before each
    write."""

    def __init__(self, store: GraphStore, *, batch_size: int, guard: Guard | None = None
                 ) -> None:
        self.store = store
        self.batch_size = batch_size
        self._guard = guard
        self._queue: queue.Queue[PreparedWrite | _Record | None] = queue.Queue(maxsize=_AHEAD)
        self._records: queue.Queue[_Record | None] = queue.Queue(maxsize=_RECORDS_AHEAD)
        self._sent = 0  # writes the engine has run
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="rapport-graph-writes",
                                        daemon=True)
        self._recorder = threading.Thread(target=self._run_records, daemon=True,
                                          name="rapport-change-log")
        self._thread.start()
        self._recorder.start()

    def __enter__(self) -> WriteSender:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 tb: TracebackType | None) -> None:
        if error is not None and self._error is None:
            self._error = error  # the thread drops what is still queued
        self._queue.put(None)
        self._records.put(None)
        self._thread.join()
        self._recorder.join()
        if error is None:
            self._raise_failure()

    def send(self, writes: Writes) -> None:
        """Queue the named writes, `batch_size` rows per statement, serialised here."""
        for name, rows in writes:
            for start in range(0, len(rows), self.batch_size):
                self._raise_failure()
                self._queue.put(self.store.prepare_rows(name, rows[start:start + self.batch_size]))

    def record(self, job: Callable[[], object]) -> None:
        """Run `job` (recording what the writes queued next will change) on the change-log
        thread, after the recordings before it; those writes wait until it has run."""
        self._raise_failure()
        record = _Record(job)
        self._records.put(record)
        self._queue.put(record)

    def finish(self) -> int:
        """Wait until every queued job has run; the number of writes run so far."""
        self._records.join()
        self._queue.join()
        self._raise_failure()
        return self._sent

    def _raise_failure(self) -> None:
        if self._error is not None:
            raise self._error

    def _run(self) -> None:
        while (job := self._queue.get()) is not None:
            try:
                if self._error is None:
                    self._do(job)
            except BaseException as e:  # raised again on the caller's thread
                self._error = e
            finally:
                self._queue.task_done()
        self._queue.task_done()

    def _run_records(self) -> None:
        failed = False
        while (record := self._records.get()) is not None:
            try:
                if not failed and self._error is None:
                    record.job()
            except BaseException as e:  # raised by the writes' thread when it gets there
                record.error, failed = e, True
            finally:
                record.done.set()  # whatever happened: the writes' thread never waits forever
                self._records.task_done()
        self._records.task_done()

    def _do(self, job: PreparedWrite | _Record) -> None:
        if isinstance(job, _Record):
            job.done.wait()
            if job.error is not None:
                raise job.error  # its change log is not recorded: none of its writes run
            return
        if self._guard is not None:
            self._guard(self._sent)
        self.store.run_prepared(job)
        self._sent += 1


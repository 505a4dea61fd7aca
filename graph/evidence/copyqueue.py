"""A COPY writer that hands the data to a thread, so that building the next rows goes on
while PostgreSQL takes in the last ones.

Staging a large file copies a few hundred thousand rows whose JSON cells PostgreSQL parses
as it reads them; written on the caller's thread, each block waited for the server (about
a tenth of a 300,000-message stage). psycopg's own `QueuedLibpqWriter` does the same with a
queue of 1,024 buffers (up to 128 MiB held when the server lags); this one holds a few.
"""

from __future__ import annotations

import queue
import threading
from typing import Any

from psycopg import Cursor
from psycopg.abc import Buffer
from psycopg.copy import LibpqWriter, Writer

BLOCKS_QUEUED = 8


class BoundedQueuedWriter(Writer):
    """Writes on a thread of its own, at most `blocks` blocks behind the caller."""

    def __init__(self, cursor: Cursor[Any], *, blocks: int = BLOCKS_QUEUED) -> None:
        self._writer = LibpqWriter(cursor)
        self._queue: queue.Queue[Buffer | None] = queue.Queue(maxsize=blocks)
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None

    def write(self, data: Buffer) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, daemon=True,
                                            name="rapport-copy-writer")
            self._thread.start()
        if self._error is not None:
            raise self._error
        self._queue.put(data)

    def finish(self, exc: BaseException | None = None) -> None:
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join()
        if self._error is not None and exc is None:
            raise self._error
        self._writer.finish(exc or self._error)

    def _run(self) -> None:
        try:
            while (data := self._queue.get()) is not None:
                self._writer.write(data)
        except BaseException as e:  # handed to the caller's next write or finish
            self._error = e
            while self._queue.get() is not None:  # the caller never blocks on a full queue
                pass

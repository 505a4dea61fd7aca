"""Read and map a large file in a second process while this one resolves and stages it.

Staging is one busy Python process: with the file's reading, mapping and JSON encoding in a
child, the second core does them ahead of the resolver. The child sends each row as the
texts staging copies anyway (its mapped JSON, its raw record and unmapped fields as JSON);
this process rebuilds the mapped row from that JSON, as approve does from the evidence
store. A thread here drains the pipe as the child writes, so the child keeps parsing while
a chunk is resolved (a pipe alone holds 64 KiB: the child would wait for every chunk).

The child is a fresh interpreter (`main` below), not a fork: the API
serves imports from a threaded process, and a fresh child imports only the readers.
"""

from __future__ import annotations

import os
import pickle
import queue
import struct
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, replace
from types import TracebackType
from typing import IO, BinaryIO

from graph import jsontext
from graph.errors import RapportError
from graph.gcpause import cyclic_gc_paused
from graph.imports.errors import ReaderProcessError
from graph.imports.mapping import Mapping
from graph.imports.models import MappedRow, row_json, trusted_row

# Smaller files are read in this process: starting a child costs more than it saves.
AHEAD_MIN_BYTES = 4_000_000
_ROWS_PER_MESSAGE = 1000
_MESSAGES_QUEUED = 32  # rows held ahead: 32,000 at most
_ROWS, _END, _ERROR = b"R", b"E", b"X"
_LENGTH = struct.Struct("<I")
_LENGTH64 = struct.Struct("<Q")
_STOPPED = pickle.dumps((ReaderProcessError, "the file's reader process stopped early", None))


@dataclass(frozen=True)
class ParseJob:
    """What the child needs to read the file as `profile` (a built-in profile's name)."""

    profile: str
    data: bytes
    mapping: Mapping
    member_id: str | None
    max_columns: int
    members: dict[str, str] | None


@dataclass(frozen=True)
class EncodedRow:
    """A row's cells for the evidence store, as JSON text."""

    mapped: str
    raw: str
    unmapped: str


def _send_rows(job: ParseJob, out: BinaryIO) -> None:
    from graph.imports.profiles import get_profile

    parsed = get_profile(job.profile).parse(
        job.data, mapping=job.mapping, member_id=job.member_id,
        max_columns=job.max_columns, members=job.members)
    batch: list[tuple[str, str, str]] = []
    for row, raw in parsed.records:
        batch.append((row_json(row), jsontext.dumps(raw), jsontext.dumps(row.unmapped)))
        if len(batch) >= _ROWS_PER_MESSAGE:
            _write(out, _ROWS, pickle.dumps(batch, protocol=5))
            batch = []
    if batch:
        _write(out, _ROWS, pickle.dumps(batch, protocol=5))


def _write(out: BinaryIO, kind: bytes, body: bytes) -> None:
    out.write(kind + _LENGTH.pack(len(body)) + body)
    out.flush()


def main() -> None:
    """The child's whole life: the job from stdin; every row, then an end mark, or the
    error that stopped it, on stdout (anything else printed goes to stderr)."""
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    try:
        job = pickle.load(sys.stdin.buffer)  # noqa: S301 - written by our parent
        # The file follows as it is: read straight into one bytes object (through pickle
        # it was held twice while loading).
        size = _LENGTH64.unpack(sys.stdin.buffer.read(_LENGTH64.size))[0]
        job = replace(job, data=sys.stdin.buffer.read(size))
        with cyclic_gc_paused():  # as in the parent: millions of short-lived objects
            _send_rows(job, out)
        _write(out, _END, b"")
    except BrokenPipeError:
        pass  # the parent stopped reading: nothing to tell
    except Exception as e:  # any failure is reported to the parent
        hint = e.hint if isinstance(e, RapportError) else None
        message = str(e.message if isinstance(e, RapportError) else e)
        _write(out, _ERROR, pickle.dumps((type(e), message, hint)))


class RowsAhead:
    """The mapped rows of a file, read by a child process; use as a context manager, which
    stops the child when the rows are not all wanted."""

    def __init__(self, job: ParseJob) -> None:
        self._job = job
        self._queue: queue.Queue[tuple[bytes, bytes]] = queue.Queue(maxsize=_MESSAGES_QUEUED)
        self._stop = threading.Event()
        self._process: subprocess.Popen[bytes] | None = None
        self._drain: threading.Thread | None = None

    def __enter__(self) -> RowsAhead:
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
        self._process = subprocess.Popen(
            [sys.executable, "-c", "from graph.imports.ahead import main; main()"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, env=env)
        self._drain = threading.Thread(target=self._run, args=(self._process,), daemon=True,
                                       name="rapport-import-drain")
        self._drain.start()
        return self

    @property
    def pid(self) -> int | None:
        """The reader process's id, once started."""
        return self._process.pid if self._process is not None else None

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 tb: TracebackType | None) -> None:
        self._stop.set()
        if self._process is not None:
            self._process.kill()  # a child that finished is not hurt by this
            self._process.wait()
        if self._drain is not None:
            self._drain.join()

    def _run(self, process: subprocess.Popen[bytes]) -> None:
        """Hand the child its job, then move what it writes into the queue."""
        assert process.stdin is not None and process.stdout is not None
        try:
            with process.stdin:
                pickle.dump(replace(self._job, data=b""), process.stdin, protocol=5)
                process.stdin.write(_LENGTH64.pack(len(self._job.data)))
                process.stdin.write(self._job.data)
            while not self._stop.is_set():
                kind, body = _read(process.stdout)
                self._put(kind, body)
                if kind != _ROWS:
                    return
        except (BrokenPipeError, OSError, ValueError):
            self._put(_ERROR, _STOPPED)
        except Exception as e:  # a job that cannot be pickled ...: the reader never waits
            self._put(_ERROR, pickle.dumps(
                (ReaderProcessError, f"the file's reader process could not start: {e}", None)))
        finally:
            process.stdout.close()

    def _put(self, kind: bytes, body: bytes) -> None:
        while not self._stop.is_set():
            try:
                self._queue.put((kind, body), timeout=0.2)
                return
            except queue.Full:
                continue

    def records(self) -> Iterator[tuple[MappedRow, EncodedRow]]:
        while True:
            kind, body = self._queue.get()
            if kind == _END:
                return
            if kind == _ERROR:
                raise _rebuilt(*pickle.loads(body))  # noqa: S301 - from our own child
            for mapped, raw, unmapped in pickle.loads(body):  # noqa: S301
                yield trusted_row(jsontext.loads(mapped)), EncodedRow(mapped, raw, unmapped)


def _read(stream: IO[bytes]) -> tuple[bytes, bytes]:
    """One message of the child: kind, length, body. A short read means it stopped."""
    head = stream.read(1 + _LENGTH.size)
    if len(head) < 1 + _LENGTH.size:
        raise ValueError("the child's output ended")
    (length,) = _LENGTH.unpack(head[1:])
    body = stream.read(length)
    if len(body) < length:
        raise ValueError("the child's output ended")
    return head[:1], body


def _rebuilt(kind: type[BaseException], message: str, hint: str | None) -> Exception:
    """The child's error as this process raises it: Rapport's own errors as they were."""
    if issubclass(kind, RapportError):
        try:
            return kind(message, hint=hint)
        except TypeError:  # a subclass with arguments of its own
            return ReaderProcessError(message, hint=hint)
    return ReaderProcessError(f"reading the file failed: {kind.__name__}: {message}")


"""A large file is read and mapped by a second process while this one resolves it: the
batch it stages is the same as when the file is read here, an error in the middle of the
file is the same error and keeps nothing, and the reader never outlives the stage (real
embedded FalkorDB and PostgreSQL)."""

from __future__ import annotations

import os
import signal
from typing import Any

import psycopg
import pytest

from graph.evidence import EvidenceStore
from graph.evidence.copyqueue import BoundedQueuedWriter
from graph.imports import ImportService
from graph.imports.ahead import ParseJob, RowsAhead
from graph.imports.errors import ImportFormatError, ReaderProcessError
from graph.imports.mapping import Mapping, load_manifest
from graph.imports.profiles import get_profile
from graph.store import GraphStore
from tests.evidence_fixtures import (  # noqa: F401
    FIXTURES,
    emptied,
    evidence,
    fixture_bytes,
    session_evidence,
)

NEVER, ALWAYS = 10**12, 0  # ahead_min_bytes: read here / read by the second process


def _message(i: int, *, headers: str = "") -> str:
    return (f"From p{i}@example.com Mon Jan  6 09:00:00 2025\nFrom: Pé {i} <p{i}@example.com>\n"
            f"To: member0@rapport.example\nSubject: Olá {i}\n"
            f"Date: Mon, 6 Jan 2025 09:{i % 60:02d}:00 +0000\nMessage-ID: <m{i}@t.example>\n"
            f"{headers}\nBody\n\n")


def _mbox(n: int) -> bytes:
    return "".join(_message(i) for i in range(n)).encode()


def _staged(service: ImportService, profile: str, data: bytes, ahead_min_bytes: int,
            mapping: Mapping | None = None) -> tuple[dict[str, Any], list[Any]]:
    service.ahead_min_bytes = ahead_min_bytes
    preview = service.stage(profile, "file", data, mapping=mapping)
    rows = [(r.row_number, r.raw, r.mapped, r.unmapped)
            for r in service.evidence.rows(preview.batch_id)]
    return preview.model_dump(exclude={"batch_id"}), rows


@pytest.mark.parametrize(("profile", "name", "manifest"), [
    ("mail", "mailbox.mbox", None), ("hubspot-contacts", "hubspot_contacts.csv", None),
    ("google-contacts", "google_contacts.csv", None), ("vcard", "contacts.vcf", None),
    ("salesforce-contacts", "salesforce_contacts.csv", None),
    ("generic", "generic_people.csv", "generic_people.yaml")])
def test_a_file_read_ahead_stages_what_it_stages_when_read_here(
        store: GraphStore, evidence: EvidenceStore,  # noqa: F811
        profile: str, name: str, manifest: str | None) -> None:
    service = ImportService(store, evidence)
    service.add_member("Member Zero", "member0@rapport.example")
    data = fixture_bytes(name)
    mapping = load_manifest(FIXTURES / manifest) if manifest else None
    here = _staged(service, profile, data, NEVER, mapping)
    with evidence._tx() as cur:  # the same file again is a no-op: forget the first batch
        cur.execute("DELETE FROM import_batch")
    ahead = _staged(service, profile, data, ALWAYS, mapping)
    assert ahead == here
    assert here[1], "the fixture stages rows"


def test_an_error_half_way_through_a_file_read_ahead_is_the_error_and_keeps_nothing(
        store: GraphStore, evidence: EvidenceStore) -> None:  # noqa: F811
    # The third message has more headers than the limit: found only when it is reached.
    many = "".join(f"X-Extra-{k}: {k}\n" for k in range(600))
    data = (_message(0) + _message(1) + _message(2, headers=many) + _message(3)).encode()
    service = ImportService(store, evidence)
    errors = []
    for ahead_min_bytes in (NEVER, ALWAYS):
        service.ahead_min_bytes = ahead_min_bytes
        with pytest.raises(ImportFormatError) as caught:
            service.stage("mail", "bad.mbox", data)
        errors.append(caught.value.message)
    assert errors[0] == errors[1]
    assert "headers, more than the limit" in errors[0]
    assert evidence.batches() == []


def _job(data: bytes) -> ParseJob:
    return ParseJob("mail", data, get_profile("mail").mapping, None, 500, {})


def test_leaving_early_stops_the_reader_process() -> None:
    with RowsAhead(_job(_mbox(50_000))) as ahead:
        first, _ = next(ahead.records())
        pid = ahead.pid
    assert first.row == 2  # the first header line of the first message
    assert pid is not None
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # gone, and waited for


def test_a_reader_process_that_dies_is_an_error_not_a_shorter_file() -> None:
    rows = 0
    with RowsAhead(_job(_mbox(60_000))) as ahead, pytest.raises(ReaderProcessError):
        for _ in ahead.records():
            if rows == 0:
                assert ahead.pid is not None
                os.kill(ahead.pid, signal.SIGKILL)
            rows += 1
    assert 0 < rows < 60_000


def test_the_queued_copy_writer_copies_every_block_and_reports_a_bad_one(
        evidence: EvidenceStore) -> None:  # noqa: F811
    lines = "".join(f"{i}\t{{\"n\": {i}}}\n" for i in range(100))
    with evidence._tx() as cur:
        cur.execute("CREATE TEMP TABLE copied (n int, j jsonb)")
        with cur.copy("COPY copied FROM STDIN", writer=BoundedQueuedWriter(cur, blocks=2)) as c:
            for _ in range(50):
                c.write(lines)
        cur.execute("SELECT count(*) AS n, sum((j->>'n')::int) AS total FROM copied")
        assert cur.fetchone() == {"n": 5000, "total": 50 * sum(range(100))}
    with pytest.raises(psycopg.errors.InvalidTextRepresentation), evidence._tx() as cur:
        cur.execute("CREATE TEMP TABLE copied2 (n int, j jsonb)")
        with cur.copy("COPY copied2 FROM STDIN", writer=BoundedQueuedWriter(cur, blocks=2)) as c:
            for k in range(50):
                c.write(lines if k != 3 else "1\t{not json\n")
    emptied(evidence)  # the connection is usable again


def test_a_job_the_reader_cannot_be_given_is_an_error_not_a_wait() -> None:
    # A mapping holding something pickle refuses (a function) never reaches the child.
    unpicklable = Mapping({}, stage_map={"x": lambda: "y"})  # type: ignore[dict-item]
    job = ParseJob("mail", _mbox(3), unpicklable, None, 500, {})
    with RowsAhead(job) as ahead, pytest.raises(ReaderProcessError, match="could not start"):
        list(ahead.records())

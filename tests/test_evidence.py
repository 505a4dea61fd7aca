"""The evidence store on a real embedded PostgreSQL: migrations, batches, audit, lifecycle."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Literal

import pytest

from graph.errors import ConfigError, EngineStartError, NotFound
from graph.evidence import (
    BatchSummary,
    Change,
    EvidenceStore,
    EvidenceUnavailable,
    RejectedRow,
    StagedRow,
    open_evidence,
)
from graph.evidence.embedded import EmbeddedPostgres
from graph.evidence.settings import load_evidence_settings
from graph.evidence.store import BatchStateError, migrations
from graph.settings import load_settings
from tests.evidence_fixtures import (  # noqa: F401
    emptied,
    evidence,
    pg_folder,
    session_evidence,
)


def _stage(evidence: EvidenceStore, sha: str = "abc") -> int:  # noqa: F811
    return evidence.create_batch(
        profile="linkedin", file_name="Connections.csv", sha256=sha, member_id="mem_1",
        actor="test", options={},
        rows=[StagedRow(row_number=5, raw={"First Name": "Ana", "Extra": "x"},
                        unmapped={"Extra": "x"}),
              StagedRow(row_number=6, raw={"First Name": ""})],
        summary=BatchSummary(
            row_count=2, counts={"rows": 2}, preview={"nodes": {}},
            rejected=[RejectedRow(row_number=6, reasons={"First Name": "missing"})]))


def test_migrations_are_applied_once_and_pgvector_is_there(
        evidence: EvidenceStore) -> None:  # noqa: F811
    versions = [v for v, _, _ in migrations()]
    assert versions == sorted(set(versions)) and versions[0] == 1
    assert evidence.applied_migrations() == versions
    assert evidence.migrate() == []  # idempotent
    with evidence._tx() as cur:
        cur.execute("SELECT extname FROM pg_extension WHERE extname = 'vector'")
        assert cur.fetchone() is not None
        cur.execute("SELECT '[1,2,3]'::vector <-> '[1,2,4]'::vector AS d")
        row = cur.fetchone()
        assert row is not None and row["d"] == 1.0


def test_the_embedded_server_keeps_a_large_import_between_checkpoints(
        evidence: EvidenceStore) -> None:  # noqa: F811
    """A large import writes about 1 GB of WAL: the embedded server (these tests' own) is
    started with room for it between checkpoints (graph.evidence.embedded)."""
    with evidence._tx() as cur:
        cur.execute("SHOW max_wal_size")
        row = cur.fetchone()
    assert row is not None and row["max_wal_size"] == "4GB"


def test_a_deleted_batch_takes_its_rows_and_change_log_with_it(
        evidence: EvidenceStore) -> None:  # noqa: F811
    """The bulk tables have no foreign key (a check per copied row); triggers do what its
    ON DELETE CASCADE did, for a DELETE and a TRUNCATE ... CASCADE."""
    with evidence._tx() as cur:
        cur.execute("SELECT conrelid::regclass::text AS t FROM pg_constraint "
                    "WHERE contype = 'f' AND confrelid = 'import_batch'::regclass")
        assert sorted(r["t"] for r in cur.fetchall()) == [
            "duplicate_decision", "rejected_row", "staged_plan"]
    kept, dropped = _stage(evidence, sha="kept"), _stage(evidence, sha="dropped")
    for batch_id in (kept, dropped):
        evidence.record_changes(batch_id, [Change(kind="node", op="create", label="Contact",
                                                  node_id=f"ct_{batch_id}")])
    with evidence._tx() as cur:
        cur.execute("DELETE FROM import_batch WHERE id = %s", (dropped,))
        counts = {}
        for table in ("raw_row", "batch_change", "rejected_row"):
            cur.execute(f"SELECT batch_id, count(*) AS n FROM {table} "
                        "GROUP BY batch_id ORDER BY batch_id")
            counts[table] = [(r["batch_id"], r["n"]) for r in cur.fetchall()]
    assert counts == {"raw_row": [(kept, 2)], "batch_change": [(kept, 1)],
                      "rejected_row": [(kept, 1)]}
    emptied(evidence)  # TRUNCATE ... CASCADE: the trigger empties them too
    with evidence._tx() as cur:
        cur.execute("SELECT (SELECT count(*) FROM raw_row) + "
                    "(SELECT count(*) FROM batch_change) AS n")
        assert cur.fetchone() == {"n": 0}


def test_batch_rows_rejected_and_audit(evidence: EvidenceStore) -> None:  # noqa: F811
    batch_id = _stage(evidence)
    batch = evidence.batch(batch_id)
    assert (batch.status, batch.row_count, batch.rejected_count) == ("staged", 2, 1)
    assert batch.sha256 == "abc" and batch.member_id == "mem_1"
    rows = evidence.rows(batch_id)
    assert [r.row_number for r in rows] == [5, 6]
    assert rows[0].raw["Extra"] == "x" and rows[0].unmapped == {"Extra": "x"}
    assert evidence.rejected(batch_id)[0].reasons == {"First Name": "missing"}
    assert evidence.live_batch("linkedin", "abc") is not None
    assert evidence.live_batch("hubspot-contacts", "abc") is None
    evidence.set_status(batch_id, "approved", actor="ana", expect=("staged",))
    with pytest.raises(BatchStateError, match="is approved"):
        evidence.set_status(batch_id, "approved", actor="ana", expect=("staged",))
    evidence.set_status(batch_id, "committed", actor="ana")
    batch = evidence.batch(batch_id)
    assert batch.approved_at is not None and batch.committed_at is not None
    actions = [a.action for a in evidence.audit_trail(f"batch:{batch_id}")]
    assert actions == ["commit", "approve", "stage"]
    with pytest.raises(NotFound):
        evidence.batch(999)


def test_same_file_is_one_live_batch_until_undone(evidence: EvidenceStore) -> None:  # noqa: F811
    first = _stage(evidence)
    with pytest.raises(BatchStateError, match=f"already imported as batch {first}"):
        _stage(evidence)
    assert evidence.batch(first).row_count == 2  # the failed insert left nothing behind
    evidence.set_status(first, "undone", actor="t")
    assert evidence.live_batch("linkedin", "abc") is None
    assert _stage(evidence) != first


def test_changes_round_trip(evidence: EvidenceStore) -> None:  # noqa: F811
    batch_id = _stage(evidence)
    changes = [Change(kind="node", op="create", label="Contact", node_id="ct_1",
                      row_numbers=[5]),
               Change(kind="node", op="update", label="Account", node_id="acc_1",
                      before={"name": "Acme", "created_at": {"$datetime": "2026-01-01T00:00"}},
                      row_numbers=[5, 6])]
    evidence.record_changes(batch_id, changes)
    assert evidence.changes(batch_id) == changes
    evidence.clear_changes(batch_id)
    assert evidence.changes(batch_id) == []


def test_change_pages_newest_first_one_kind_at_a_time(
        evidence: EvidenceStore) -> None:  # noqa: F811
    batch_id = _stage(evidence, "pages")
    changes = [Change(kind="node" if i % 3 else "edge", op="create", label="Contact",
                      node_id=f"ct_{i}", row_numbers=[i]) for i in range(10)]
    evidence.record_changes(batch_id, changes)
    kinds: tuple[Literal["node", "edge"], ...] = ("node", "edge")
    for kind in kinds:
        pages = list(evidence.change_pages(batch_id, kind, page=2))
        mine = [c for c in reversed(changes) if c.kind == kind]
        assert [c for p in pages for c in p] == mine
        assert [len(p) for p in pages] == [2] * (len(mine) // 2) + [1] * (len(mine) % 2)
    assert evidence.created_nodes(batch_id, "Contact") == sorted(
        c.node_id for c in changes if c.kind == "node" and c.node_id)
    assert list(evidence.change_pages(batch_id + 1, "node")) == []


def test_later_batches_touching_the_same_nodes_or_relationships(
        evidence: EvidenceStore) -> None:  # noqa: F811
    def batch(sha: str, status: Literal["committed", "undone"], *changes: Change) -> int:
        batch_id = _stage(evidence, sha)
        evidence.record_changes(batch_id, list(changes))
        evidence.set_status(batch_id, status, actor="t")
        return batch_id

    def node(node_id: str) -> Change:
        return Change(kind="node", op="update", label="Contact", node_id=node_id)

    def edge(rel_type: str, src: str, dst: str) -> Change:
        return Change(kind="edge", op="create", label=rel_type.lower(), rel_type=rel_type,
                      src_label="Member", src_id=src, dst_label="Contact", dst_id=dst)

    earlier = batch("e0", "committed", node("ct_1"))
    mine = batch("e1", "committed", node("ct_1"), edge("KNOWS", "mem_1", "ct_2"))
    same_node = batch("e2", "committed", node("ct_1"))
    same_edge = batch("e3", "committed", edge("KNOWS", "mem_1", "ct_2"))
    batch("e4", "committed", edge("KNOWS", "mem_1", "ct_3"), edge("OWNS", "mem_1", "ct_2"),
          node("ct_2"))  # another relationship, another type, the edge's end as a node
    batch("e5", "undone", node("ct_1"))
    assert evidence.later_batches_touching(mine) == [same_node, same_edge]
    assert evidence.later_batches_touching(same_edge) == []
    assert evidence.later_batches_touching(earlier) == [mine, same_node]


def test_copied_text_keeps_escapes_and_unicode(evidence: EvidenceStore) -> None:  # noqa: F811
    """Rows and changes go to PostgreSQL as COPY text: backslashes, tabs, line breaks and
    non-ASCII text in ids, JSON values and raw cells come back as they were."""
    odd = "a\\b\tc\nd\re \\N \"q\" Søren ✓"
    batch_id = evidence.create_batch(
        profile="generic", file_name="odd.csv", sha256="odd", member_id=None, actor="t",
        options={}, summary=BatchSummary(row_count=1),
        rows=[StagedRow(row_number=2, raw={odd: odd}, mapped={"k": [odd, None, 1.5]},
                        unmapped={"x": odd}),
              StagedRow(row_number=3, raw={"a": "b"}, mapped_json='{"s":"\\u00e9\\n"}')])
    rows = evidence.rows(batch_id)
    assert rows[0].raw == {odd: odd} and rows[0].unmapped == {"x": odd}
    assert rows[0].mapped == {"k": [odd, None, 1.5]} and rows[1].mapped == {"s": "é\n"}
    changes = [Change(kind="edge", op="update", label=odd, rel_type="KNOWS", src_label=odd,
                      src_id=odd, dst_label="Contact", dst_id=None,
                      before={odd: {"$date": "2026-01-01"}, "n": None}, row_numbers=[2, 3])]
    evidence.record_changes(batch_id, changes)
    assert evidence.changes(batch_id) == changes


def test_second_process_attaches_to_the_running_server(
        session_evidence: EvidenceStore) -> None:  # noqa: F811
    server = EmbeddedPostgres(pg_folder())
    endpoint = server.start()
    assert not server.owned  # attached: the session's server keeps running
    import psycopg

    with psycopg.connect(endpoint.conninfo) as conn:
        assert conn.execute("SELECT 1").fetchone() == (1,)
    server.stop()  # a no-op for a server we do not own
    assert session_evidence.applied_migrations()


def test_bad_dsn_and_unreachable_server_give_one_line_errors(tmp_path: Path) -> None:
    settings = load_settings(data_dir=tmp_path / "data")
    with pytest.raises(ConfigError, match="RAPPORT_PG_DSN"):
        open_evidence(settings, load_evidence_settings(pg_dsn="not a dsn"))
    dsn = f"postgresql://u:p@/db?host={tmp_path}&port=1"
    with pytest.raises(EvidenceUnavailable, match="cannot connect to PostgreSQL") as err:
        open_evidence(settings, load_evidence_settings(pg_dsn=dsn))
    assert "\n" not in str(err.value) and "p@" not in str(err.value)


def test_unwritable_folder_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    settings = load_settings(data_dir=blocker / "data")  # its sibling 'pg' is under a file
    with pytest.raises(EngineStartError, match="not writable") as err:
        open_evidence(settings, load_evidence_settings(pg_dsn=None))
    assert "RAPPORT_DATA_DIR" in str(err.value)


def test_no_orphan_when_the_owner_is_killed(tmp_path: Path) -> None:
    folder = tmp_path / "pg"
    script = textwrap.dedent(f"""
        import sys, time
        from pathlib import Path
        from graph.evidence.embedded import EmbeddedPostgres
        server = EmbeddedPostgres(Path({str(folder)!r}))
        endpoint = server.start()
        print(endpoint.pid, flush=True)
        time.sleep(60)
    """)
    owner = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE,
                             cwd=Path(__file__).parent.parent)
    assert owner.stdout is not None
    pid = int(owner.stdout.readline())
    assert Path(f"/proc/{pid}").exists()
    owner.send_signal(signal.SIGKILL)
    owner.wait()
    deadline = time.monotonic() + 15

    def alive() -> bool:  # not our child (the owner was): only /proc tells; zombies are dead
        try:
            return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z"
        except OSError:
            return False

    while alive() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not alive(), "the embedded PostgreSQL outlived its killed owner"
    # and the folder can be started again afterwards (no stale lock or pid file)
    server = EmbeddedPostgres(folder)
    server.start()
    assert server.owned
    server.stop()

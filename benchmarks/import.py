"""Import throughput: a HubSpot contacts export and a mailbox (mbox) of messages between the
members and those contacts through the FULL pipeline (read -> map -> validate -> resolve ->
stage in PostgreSQL -> approve -> commit to the graph), on the embedded FalkorDB and
PostgreSQL in a temporary folder. Rows are resolved once, at stage: approve commits the
plans stage kept, since nothing else writes to the graph in between (the lines after each
stage say whether the batch's plans were kept). The same canonical records (Contact,
Account, WORKS_AT, Interaction, PARTICIPATED_IN) are then loaded by the raw bulk loader
(`graph.loader.BulkLoader`) on a fresh graph in the same run, once before the import and once
after it, each in a fresh process: this host's speed drifts by a third within minutes, so
one baseline can flatter or sink the ratio. The ratio of the import's rate to the mean raw
rate is printed (target >= 0.30) with the ratio to each raw run, and the peak RSS of the
import step and of the process that reads a large file for it (target < 1 GB for both
together).

    python benchmarks/import.py --contacts 100000 --messages 300000
    python benchmarks/import.py --contacts 10000 --messages 30000 --extras   # + undo timings
"""

from __future__ import annotations

import argparse
import csv
import random
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any

from graph.evidence import EvidenceStore, open_evidence
from graph.evidence.settings import load_evidence_settings
from graph.imports import ImportService
from graph.loader import BulkLoader
from graph.model import (
    Account,
    Contact,
    GraphEdge,
    GraphNode,
    Interaction,
    Member,
    ParticipatedIn,
    WorksAt,
)
from graph.model.base import NodeRef
from graph.settings import Settings, load_settings
from graph.store import open_store

FIRST = ["Ana", "Bruno", "Carla", "Diogo", "Eva", "Filipe", "Graça", "Hugo", "Inês", "João",
         "Zoë", "Søren", "Li", "Mónica", "Nuno", "Óscar", "Paula", "Rui", "Sara", "Tiago"]
LAST = ["Lima", "Costa", "Dias", "Sousa", "Müller", "Øster", "Ñúñez", "Reis", "Gomes", "Wei",
        "Brandão", "Fernandes", "Pereira", "Santos", "Martins", "Rocha", "Alves", "Pinto"]
MEMBERS = 10
T0 = datetime(2025, 1, 6, 9, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Person:
    i: int
    first: str
    last: str
    company: int

    @property
    def email(self) -> str:
        return f"p{self.i}@example.com"


@dataclass(frozen=True)
class Message:
    i: int
    sender: str  # an address
    to: tuple[str, ...]
    cc: tuple[str, ...]
    at: datetime


def people(n: int, seed: int) -> Iterator[Person]:
    rng = random.Random(seed)
    for i in range(n):
        yield Person(i, rng.choice(FIRST), f"{rng.choice(LAST)}{i}", rng.randrange(max(1, n // 20)))


def member_email(k: int) -> str:
    return f"member{k}@rapport.example"


def messages(n: int, contacts: int, seed: int) -> Iterator[Message]:
    rng = random.Random(seed + 1)
    for i in range(n):
        member = member_email(rng.randrange(MEMBERS))
        contact = f"p{rng.randrange(contacts)}@example.com"
        cc = (f"p{rng.randrange(contacts)}@example.com",) if i % 4 == 0 else ()
        at = T0 + timedelta(minutes=7 * i)
        if i % 2:
            yield Message(i, member, (contact,), cc, at)
        else:
            yield Message(i, contact, (member,), cc, at)


def write_contacts(path: Path, n: int, seed: int) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["Record ID", "First Name", "Last Name", "Email", "Job Title",
                    "Associated Company", "Lifecycle Stage"])
        for p in people(n, seed):
            w.writerow([1000 + p.i, p.first, p.last, p.email, "Manager",
                        f"Company {p.company} Lda", "lead"])


def write_mbox(path: Path, n: int, contacts: int, seed: int) -> None:
    with path.open("w", encoding="utf-8") as f:
        for m in messages(n, contacts, seed):
            cc = f"Cc: {', '.join(m.cc)}\n" if m.cc else ""
            f.write(f"From {m.sender} Mon Jan  6 09:00:00 2025\nFrom: {m.sender}\n"
                    f"To: {', '.join(m.to)}\n{cc}Subject: Follow-up {m.i}\n"
                    f"Date: {format_datetime(m.at)}\nMessage-ID: <m{m.i}@bench.example>\n"
                    f"\nBody {m.i}\n\n")


def canonical(contacts: int, n_messages: int, seed: int
              ) -> tuple[dict[str, list[GraphNode]], dict[str, list[GraphEdge]]]:
    """The records the import makes, built directly as models for the raw bulk loader."""
    now = datetime.now(UTC)
    base: dict[str, Any] = {"created_at": now, "updated_at": now}
    members: list[GraphNode] = [Member(id=f"mem_{k}", name=f"Member {k}", email=member_email(k),
                                       **base) for k in range(MEMBERS)]
    accounts: dict[int, Account] = {}
    nodes: list[GraphNode] = []
    works: list[GraphEdge] = []
    for p in people(contacts, seed):
        name = f"{p.first} {p.last}"
        nodes.append(Contact(id=f"ct_{p.i}", first_name=p.first, last_name=p.last, name=name,
                             email=p.email, emails=[p.email], title="Manager",
                             lifecycle_stage="LEAD", sources=[f"import:1:{p.i + 2}"], **base))
        if p.company not in accounts:
            accounts[p.company] = Account(id=f"acc_{p.company}", name=f"Company {p.company} Lda",
                                          sources=[f"import:1:{p.i + 2}"], **base)
        works.append(WorksAt(src=NodeRef(label="Contact", id=f"ct_{p.i}"),
                             dst=NodeRef(label="Account", id=f"acc_{p.company}"),
                             title="Manager", sources=[f"import:1:{p.i + 2}"]))
    interactions: list[GraphNode] = []
    took_part: list[GraphEdge] = []
    for m in messages(n_messages, contacts, seed):
        iid = f"int_{m.i}"
        roles = [("FROM", m.sender), *(("TO", a) for a in m.to), *(("CC", a) for a in m.cc)]
        interactions.append(Interaction(
            id=iid, kind="EMAIL", at=m.at, subject=f"Follow-up {m.i}",
            message_id=f"<m{m.i}@bench.example>", thread_id=f"<m{m.i}@bench.example>",
            participant_count=len(roles), sources=[f"import:2:{m.i}"], **base))
        for role, address in roles:
            src = (NodeRef(label="Member", id=f"mem_{address[6:].split('@')[0]}")
                   if address.startswith("member") else
                   NodeRef(label="Contact", id=f"ct_{address[1:].split('@')[0]}"))
            took_part.append(ParticipatedIn(src=src, dst=NodeRef(label="Interaction", id=iid),
                                            role=role, sources=[f"import:2:{m.i}"]))
    return ({"Member": members, "Account": list(accounts.values()), "Contact": nodes,
             "Interaction": interactions},
            {"WORKS_AT": works, "PARTICIPATED_IN": took_part})


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


class ReaderPeak:
    """The peak RSS of the import's file reader processes (`graph.imports.ahead`), polled
    from /proc while the import runs: they are gone, and their memory with them, by the
    time the stage returns."""

    def __init__(self) -> None:
        self.peak_kib = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)

    def __enter__(self) -> ReaderPeak:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def mb(self) -> float:
        return self.peak_kib / 1024

    def _poll(self) -> None:
        while not self._stop.wait(0.2):
            for proc in Path("/proc").iterdir():
                try:
                    if b"graph.imports.ahead" not in (proc / "cmdline").read_bytes():
                        continue
                    status = (proc / "status").read_text()
                except OSError:
                    continue
                for line in status.splitlines():
                    if line.startswith("VmHWM:"):
                        self.peak_kib = max(self.peak_kib, int(line.split()[1]))


def timed(what: str, fn: Callable[[], Any], rows: int) -> tuple[Any, float]:
    started = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - started
    print(f"{what:<36}{seconds:>9.2f} s  {rows / seconds:>10,.0f} rows/s  "
          f"peak RSS {peak_rss_mb():,.0f} MB", flush=True)
    return result, seconds


def kept(evidence: EvidenceStore, batch_id: int) -> str:
    return "yes" if evidence.batch(batch_id).plan_mark is not None else "no (resolved again)"


def run_import(settings: Settings, contacts_csv: Path, mbox: Path, n_contacts: int,
               n_messages: int, extras: bool) -> float:
    """Seconds for the whole pipeline on both files (reading them included)."""
    store = open_store(settings)
    evidence = open_evidence(settings, load_evidence_settings(pg_dsn=None))
    try:
        service = ImportService(store, evidence)
        for k in range(MEMBERS):
            service.add_member(f"Member {k}", member_email(k))
        started = time.perf_counter()
        staged, _ = timed("stage contacts (hubspot-contacts)", lambda: service.stage(
            "hubspot-contacts", "contacts.csv", contacts_csv.read_bytes()), n_contacts)
        print(f"  plans kept for approve: {kept(evidence, staged.batch_id)}")
        timed("approve + commit contacts", lambda: service.approve(staged.batch_id),
              n_contacts)
        mail, _ = timed("stage mailbox (mail)", lambda: service.stage(
            "mail", "export.mbox", mbox.read_bytes()), n_messages)
        print(f"  plans kept for approve: {kept(evidence, mail.batch_id)}")
        timed("approve + commit mailbox", lambda: service.approve(mail.batch_id), n_messages)
        seconds = time.perf_counter() - started
        if extras:
            timed("re-import same file (no-op)", lambda: service.stage(
                "mail", "export.mbox", mbox.read_bytes()), n_messages)
            timed("undo mailbox", lambda: service.undo(mail.batch_id), n_messages)
            timed("undo contacts", lambda: service.undo(staged.batch_id), n_contacts)
        return seconds
    finally:
        evidence.close()
        store.close()


def run_raw(settings: Settings, n_contacts: int, n_messages: int, seed: int) -> float:
    nodes, edges = canonical(n_contacts, n_messages, seed)
    counts = {k: len(v) for k, v in (nodes | edges).items()}
    store = open_store(settings)
    try:
        report = BulkLoader(store).load(nodes, edges)
        assert not report.skipped_edges, report.skipped_edges
    finally:
        store.close()
    print(f"raw bulk loader ({counts}) {report.seconds:>9.2f} s", flush=True)
    return report.seconds


def raw_in_child(args: argparse.Namespace, when: str) -> float:
    """The raw loader's seconds, measured in a fresh process on a fresh data folder."""
    command = [sys.executable, __file__, "--raw-only", "--contacts", str(args.contacts),
               "--messages", str(args.messages), "--seed", str(args.seed)]
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    line = done.stdout.strip().splitlines()[-1]
    print(f"{when}: {line}", flush=True)
    return float(line.rsplit(" ", 2)[-2])


def raw_only(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory(prefix="rapport-raw-bench-") as tmp:
        base = load_settings(data_dir=Path(tmp) / "data")
        run_raw(base.model_copy(update={"graph_name": "bench_raw"}), args.contacts,
                args.messages, args.seed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--messages", type=int, default=300_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--extras", action="store_true", help="also time re-import and undo")
    parser.add_argument("--raw-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.raw_only:
        raw_only(args)
        return
    rows = args.contacts + args.messages
    raw_before = raw_in_child(args, "before the import")
    with tempfile.TemporaryDirectory(prefix="rapport-import-bench-") as tmp:
        folder = Path(tmp)
        write_contacts(folder / "contacts.csv", args.contacts, args.seed)
        write_mbox(folder / "export.mbox", args.messages, args.contacts, args.seed)
        base = load_settings(data_dir=folder / "data")
        with ReaderPeak() as reader:
            ours = run_import(base.model_copy(update={"graph_name": "bench_import"}),
                              folder / "contacts.csv", folder / "export.mbox", args.contacts,
                              args.messages, args.extras)
        peak, reader_peak = peak_rss_mb(), reader.mb
    raw_after = raw_in_child(args, "after the import")
    raw = (raw_before + raw_after) / 2
    print(f"full import pipeline: {rows:,} rows in {ours:.1f} s = {rows / ours:,.0f} rows/s; "
          f"raw bulk loader, same records: {raw:.1f} s (mean of {raw_before:.1f} and "
          f"{raw_after:.1f}) = {rows / raw:,.0f} rows/s")
    print(f"import / raw throughput ratio: {raw / ours:.2f} (target >= 0.30; against each "
          f"raw run {raw_before / ours:.2f} and {raw_after / ours:.2f}); "
          f"peak RSS of the import step: {peak:,.0f} MB; of its file reader process "
          f"{reader_peak:,.0f} MB; both at once at most {peak + reader_peak:,.0f} MB "
          "(target < 1024 MB)")


if __name__ == "__main__":
    main()

"""Import throughput: a synthetic HubSpot contacts export (and a LinkedIn export of the same
people) through stage -> approve (commit) -> re-import (no-op) -> undo, on the embedded
FalkorDB and PostgreSQL in a temporary folder.

    python benchmarks/import.py --rows 10000
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from graph.evidence import open_evidence
from graph.evidence.settings import load_evidence_settings
from graph.imports import ImportService
from graph.settings import load_settings
from graph.store import open_store

FIRST = ["Ana", "Bruno", "Carla", "Diogo", "Eva", "Filipe", "Graça", "Hugo", "Inês", "João",
         "Zoë", "Søren", "Li", "Mónica", "Nuno", "Óscar", "Paula", "Rui", "Sara", "Tiago"]
LAST = ["Lima", "Costa", "Dias", "Sousa", "Müller", "Øster", "Ñúñez", "Reis", "Gomes", "Wei",
        "Brandão", "Fernandes", "Pereira", "Santos", "Martins", "Rocha", "Alves", "Pinto"]


def exports(rows: int, seed: int) -> tuple[bytes, bytes]:
    rng = random.Random(seed)
    companies = [f"Company {i} Lda" for i in range(max(1, rows // 20))]
    hub = io.StringIO()
    linked = io.StringIO()
    h = csv.writer(hub)
    h.writerow(["Record ID", "First Name", "Last Name", "Email", "Phone Number", "Job Title",
                "Associated Company", "Lifecycle Stage", "Favorite Color"])
    linked.write("Notes:\n\"export notes\"\n\n")
    lw = csv.writer(linked)
    lw.writerow(["First Name", "Last Name", "URL", "Email Address", "Company", "Position",
                 "Connected On"])
    for i in range(rows):
        first, last = rng.choice(FIRST), f"{rng.choice(LAST)}{i}"
        company = rng.choice(companies)
        h.writerow([1000 + i, first, last, f"p{i}@example.com",
                    f"+351 91{rng.randrange(10**7):07d}", "Manager", company, "lead",
                    rng.choice(["red", ""])])
        if i % 2 == 0:
            lw.writerow([first, last, f"https://www.linkedin.com/in/p{i}", "", company,
                         "Manager", "12 Mar 2024"])
    return hub.getvalue().encode(), linked.getvalue().encode()


def timed(what: str, fn: Callable[[], Any], rows: int) -> Any:
    started = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - started
    print(f"{what:<34}{seconds:>8.2f} s  {rows / seconds:>10,.0f} rows/s")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    hub, linked = exports(args.rows, args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(data_dir=Path(tmp) / "data", graph_name="bench")
        store = open_store(settings)
        evidence = open_evidence(settings, load_evidence_settings(pg_dsn=None))
        try:
            service = ImportService(store, evidence)
            service.add_member("Bench Member", "bench@rapport.example")
            n = args.rows
            staged = timed("stage hubspot-contacts", lambda: service.stage(
                "hubspot-contacts", "contacts.csv", hub), n)
            timed("approve + commit", lambda: service.approve(staged.batch_id), n)
            timed("re-import same file (no-op)", lambda: service.stage(
                "hubspot-contacts", "contacts.csv", hub), n)
            li = timed("stage linkedin (resolve by name)", lambda: service.stage(
                "linkedin", "Connections.csv", linked, member="bench@rapport.example"), n // 2)
            print(f"  merged {li.nodes['Contact'].merged} of {n // 2} LinkedIn contacts into "
                  "HubSpot ones")
            timed("approve + commit linkedin", lambda: service.approve(li.batch_id), n // 2)
            timed("undo linkedin", lambda: service.undo(li.batch_id), n // 2)
            timed("undo hubspot", lambda: service.undo(staged.batch_id), n)
        finally:
            evidence.close()
            store.close()


if __name__ == "__main__":
    main()

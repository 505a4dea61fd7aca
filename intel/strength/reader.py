"""Graph access for the scorer: a few aggregate reads, paged, and batched write-backs.

Reads return packed text rows where volume is high (KNOWS edges, interactions): see the
headers of cypher/strength/knows_all.cypher and interactions_page.cypher.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from graph.store.base import GraphStore
from intel.strength.evidence import EvidenceCollector, Pair, canonical
from intel.strength.settings import StrengthSettings
from intel.strength.structure import Structure

_ID_BATCH = 2_000
PAIR_KINDS = {("Member", "Contact"): "member_contact", ("Contact", "Contact"): "contact_contact",
              ("Member", "Member"): "member_member"}


@dataclass(frozen=True, slots=True)
class Tie:
    """A KNOWS edge as the scorer needs it."""

    labels: tuple[str, str]
    explicit: float | None
    origins: tuple[str, ...]


def chunks(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def parse_tie(row: str) -> tuple[Pair, Tie]:
    """'a|b|a_label|b_label|explicit|ORIGIN,ORIGIN,' -> (canonical pair, Tie)."""
    a, b, a_label, b_label, explicit, origins = row.split("|", 5)
    pair = canonical((a, a_label), (b, b_label))
    labels = (a_label, b_label) if pair[0] == a else (b_label, a_label)
    value = float(explicit) if explicit else None
    return pair, Tie(labels, value, tuple(o for o in origins.split(",") if o))


def read_all_ties(store: GraphStore, s: StrengthSettings) -> dict[Pair, Tie]:
    rows = store.read("strength/knows_all", timeout_s=s.read_timeout_s)
    return dict(parse_tie(r["row"]) for r in rows)


def read_ties_of(store: GraphStore, people: dict[str, str]) -> dict[Pair, Tie]:
    """Every KNOWS edge touching the given people (id -> label)."""
    out: dict[Pair, Tie] = {}
    for label, query in (("Member", "strength/knows_of_members"),
                         ("Contact", "strength/knows_of_contacts")):
        ids = sorted(p for p, lab in people.items() if lab == label)
        for batch in chunks(ids, _ID_BATCH):
            out.update(parse_tie(r["row"]) for r in store.read(query, {"ids": list(batch)}))
    return out


def read_all_structure(store: GraphStore, s: StrengthSettings) -> Structure:
    structure = Structure()
    structure.add_jobs(store.read("strength/jobs_all", timeout_s=s.read_timeout_s))
    structure.add_managers(store.read("strength/reports_to_all", timeout_s=s.read_timeout_s))
    return structure


def read_structure_of(store: GraphStore, contacts: Sequence[str]) -> Structure:
    structure = Structure()
    for batch in chunks(sorted(contacts), _ID_BATCH):
        params = {"ids": list(batch)}
        structure.add_jobs(store.read("strength/jobs_of_contacts", params))
        structure.add_chains(store.read("strength/managers_of_contacts", params))
    for person in contacts:
        structure.chains.setdefault(person, {person: 0})
    return structure


def stream_interactions(store: GraphStore, s: StrengthSettings,
                        collector: EvidenceCollector) -> int:
    """Feed every interaction to the collector, one page of ids at a time; returns rows."""
    after, total = "", 0
    while True:
        rows = store.read("strength/interactions_page",
                          {"after": after, "limit": s.read_page_size},
                          timeout_s=s.read_timeout_s)
        if not rows:
            return total
        total += len(rows)
        after = collector.add_rows(r["row"] for r in rows)
        if len(rows) < s.read_page_size:
            return total


def read_interactions(store: GraphStore, ids: Sequence[str],
                      collector: EvidenceCollector) -> int:
    total = 0
    for batch in chunks(sorted(ids), _ID_BATCH):
        rows = store.read("strength/interactions_by_ids", {"ids": list(batch)})
        collector.add_rows(r["row"] for r in rows)
        total += len(rows)
    return total


def interaction_ids_of(store: GraphStore, people: dict[str, str]) -> set[str]:
    """Ids of every interaction any of the given people (id -> label) took part in."""
    out: set[str] = set()
    for label, query in (("Member", "strength/interaction_ids_of_members"),
                         ("Contact", "strength/interaction_ids_of_contacts")):
        ids = sorted(p for p, lab in people.items() if lab == label)
        for batch in chunks(ids, _ID_BATCH):
            out.update(r["id"] for r in store.read(query, {"ids": list(batch)}))
    return out


def write_scores(store: GraphStore, rows: dict[str, list[dict[str, Any]]],
                 s: StrengthSettings) -> int:
    """rows by pair kind -> batched UNWIND writes; returns edges written."""
    written = 0
    for kind, items in rows.items():
        for batch in chunks(items, s.write_batch_size):
            result = store.write_rows(f"strength/write_{kind}", list(batch),
                                      timeout_s=s.read_timeout_s)
            written += int(result[0]["written"]) if result else 0
    return written


def create_ties(store: GraphStore, rows: list[dict[str, Any]], s: StrengthSettings) -> int:
    created = 0
    for batch in chunks(rows, s.write_batch_size):
        result = store.write_rows("strength/create_member_contact", list(batch),
                                  timeout_s=s.read_timeout_s)
        created += int(result[0]["created"]) if result else 0
    return created

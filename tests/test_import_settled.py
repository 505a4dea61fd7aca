"""Settled mail participants (graph.imports.settled): a participant met again in a later
chunk, known to leave an existing contact as it is, is resolved without being read and
planned again, and the batch's plans and preview are exactly what resolving every draft
gives: on the embedded FalkorDB."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from itertools import islice

from graph.imports.models import Draft, MappedRow
from graph.imports.plan import Plan, PlannedNode
from graph.imports.profiles import get_profile
from graph.imports.resolve import Resolver
from graph.imports.settled import SettledParticipants
from graph.imports.stored import dump_chunk
from graph.imports.tally import BatchTally
from graph.model import Contact, Member
from graph.rows import node_row
from graph.store import GraphStore

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
MEMBER = "maria@rapport.example"
# (From, To, Cc) of each message; three messages a chunk.
MESSAGES = [
    ("Ana Lima <ana@one.example>", MEMBER, ""),
    # Rui's display name is not his name in the graph, by which a probable duplicate
    # names him.
    ("RUI REIS <rui@two.example>", MEMBER, "Eva Dias <eva@three.example>"),
    (MEMBER, "Nova Pessoa <nova@new.example>", ""),
    ("Ana Lima <ana@one.example>", MEMBER, ""),  # settled from here on
    ("A. Lima <ana@one.example>", MEMBER, "Rui Reis <rui@two.example>"),  # another name
    (MEMBER, "Eva Dias <eva@three.example>", "Nova Pessoa <nova@new.example>"),
    # Ana's second address in the same chunk as her settled one: she is read this chunk.
    ("Ana Lima <ana@home.example>", MEMBER, "Ana Lima <ana@one.example>"),
    ("Rui Reis <rui@other.example>", MEMBER, ""),  # the same name, another address
    ("Rui Reis <rui@two.example>", MEMBER, "A. Lima <ana@one.example>"),
    ("Ana Lima <ana@one.example>", "Rui Reis <rui@two.example>", MEMBER),
    ("Eva Dias <eva@three.example>", MEMBER, "Nova Pessoa <nova@new.example>"),
    ("Rui Reis <rui@two.example>", "Rui Reis <rui@other.example>", ""),
    ("A. Lima <ana@one.example>", MEMBER, ""),
    ("Ana Lima <ana@one.example>", MEMBER, "Rui Reis <rui@two.example>"),
]


def _mbox() -> bytes:
    out = []
    for i, (sender, to, cc) in enumerate(MESSAGES):
        out.append(f"From x Mon Mar  2 09:00:00 2026\nFrom: {sender}\nTo: {to}\n"
                   + (f"Cc: {cc}\n" if cc else "")
                   + f"Subject: Note {i}\nDate: Mon, 2 Mar 2026 09:{i:02d}:00 +0000\n"
                   f"Message-ID: <n{i}@test.example>\n\nBody\n\n")
    return "".join(out).encode()


def _seed(store: GraphStore) -> dict[str, str]:
    store.reset()
    store.write_rows("load/nodes/member", [node_row(Member(
        id="mem_maria", name="Maria", email=MEMBER, created_at=T0, updated_at=T0))])
    people = [Contact(id="ct_ana", name="Ana Lima", email="ana@one.example",
                      emails=["ana@one.example", "ana@home.example"], created_at=T0,
                      updated_at=T0),
              Contact(id="ct_rui", name="Rui Reis", email="rui@two.example", created_at=T0,
                      updated_at=T0)]
    rows = [node_row(p) for p in people]
    # Eva's record predates `emails`: her first message adds it, so she changes and is
    # never settled.
    eva = node_row(Contact(id="ct_eva", name="Eva Dias", email="eva@three.example",
                           created_at=T0, updated_at=T0))
    eva["props"]["emails"] = []
    store.write_rows("load/nodes/contact", [*rows, eva])
    return {MEMBER: "mem_maria"}


def _chunks(members: dict[str, str]) -> list[list[MappedRow]]:
    profile = get_profile("mail")
    parsed = profile.parse(_mbox(), mapping=profile.mapping, member_id=None,
                           max_columns=500, members=members)
    rows = iter([row for row, _ in parsed.records])
    return list(iter(lambda: list(islice(rows, 3)), []))


def _resolved(store: GraphStore, chunks: list[list[MappedRow]], *, settle: bool
              ) -> tuple[list[str], BatchTally, list[Plan]]:
    resolver = Resolver(store, settle=settle)
    resolver._ids = random.Random(7)  # the same new ids in both runs
    tally = BatchTally()
    dumps, plans = [], []
    for rows in chunks:
        plan = resolver.plan(rows)
        tally.add(plan, rows)
        dumps.append(dump_chunk(plan, len(rows)))
        plans.append(plan)
    return dumps, tally, plans


def test_settled_participants_plan_what_resolving_every_draft_plans(
        store: GraphStore) -> None:
    chunks = _chunks(_seed(store))
    every_draft = _resolved(store, chunks, settle=False)
    settled = _resolved(store, chunks, settle=True)
    assert settled[0] == every_draft[0]  # what each chunk writes, as approve gets it
    assert settled[1].preview() == every_draft[1].preview()  # counts, duplicates, notes
    assert [p.dependent for p in settled[2]] == [p.dependent for p in every_draft[2]]
    preview = settled[1].preview()
    assert preview["conflicts"]  # ana@home is not her primary address
    assert any(d["candidate_id"] == "ct_rui" for d in preview["probable_duplicates"])
    assert preview["nodes"]["Contact"]["duplicates_in_file"] > 0
    # Settled drafts were neither read nor planned: later chunks plan fewer contacts.
    planned = [sum(n.label == "Contact" for n in p.nodes.values()) for p in settled[2]]
    every = [sum(n.label == "Contact" for n in p.nodes.values()) for p in every_draft[2]]
    assert planned[0] == every[0] and sum(planned) < sum(every)


def test_a_contact_the_batch_changes_is_never_settled(store: GraphStore) -> None:
    chunks = _chunks(_seed(store))
    _, _, plans = _resolved(store, chunks, settle=True)
    eva_chunks = [i for i, rows in enumerate(chunks)
                  if any(d.props.get("email") == "eva@three.example"
                         for r in rows for d in r.entities)]
    # Eva's messages change her (her `emails`), so she is read and planned every time.
    assert len(eva_chunks) > 1
    assert all(plans[i].nodes["ct_eva"].frozen for i in eva_chunks)


def test_a_settled_contact_the_batch_changes_later_is_resolved_again() -> None:
    """A mailbox cannot change a contact it left as it is (its participants only fill
    what is empty), but a settled key must not outlive a change all the same."""
    draft = Draft(key="p0", label="Contact", fill_only=True,
                  props={"name": "Ana Lima", "email": "ana@one.example",
                         "emails": ["ana@one.example"]})
    node = PlannedNode("Contact", "ct_ana", "update", {"name": "Ana Lima"}, frozen={})
    settled = SettledParticipants(enabled=True)
    settled.start([MappedRow(row=2, entities=[draft])], changed=set())
    key = settled.keys[id(draft)]
    settled.settle({key: node}, changed=set())
    settled.start([MappedRow(row=3, entities=[draft])], changed=set())
    assert settled.found == {id(draft): "ct_ana"}
    settled.start([MappedRow(row=4, entities=[draft])], changed={"ct_ana"})
    assert settled.found == {}
    disabled = SettledParticipants(enabled=False)  # approve's resolving again
    disabled.settle({key: node}, changed=set())
    disabled.start([MappedRow(row=5, entities=[draft])], changed=set())
    assert disabled.found == {} and disabled.keys == {id(draft): key}

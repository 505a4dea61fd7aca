"""Approve commits the plan stage made when the graph is as it was then, and resolves the
rows again when anything else wrote to the graph in between (another batch, a contact
written directly, a write while approve runs) or a duplicate decision overturned a
verdict: on the real embedded PostgreSQL and FalkorDB."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

import pytest

import graph.imports.approval as approval_module
import graph.imports.service as service_module
from graph.evidence import EvidenceStore
from graph.imports import ImportService, Preview
from graph.imports.candidates import CandidateReader
from graph.imports.models import MappedRow
from graph.imports.plan import Plan
from graph.imports.resolve import Resolver
from graph.imports.stored import load_chunk
from graph.model import Account, Contact, Member, NodeRef, WorksAt
from graph.rows import edge_row, node_row
from graph.store import GraphStore
from tests.evidence_fixtures import (  # noqa: F401
    evidence,
    fixture_bytes,
    session_evidence,
    snapshot,
)

MEMBER = "maria@rapport.example"
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
# Four people at four companies: chunks of two rows share nothing, so each keeps its plan.
FOUR = (b"Record ID,First Name,Last Name,Email,Associated Company\n"
        b"701,Ana,Lima,ana@one.example,One Lda\n702,Rui,Reis,rui@two.example,Two Lda\n"
        b"703,Eva,Dias,eva@three.example,Three Lda\n704,Li,Wei,li@four.example,Four Lda\n")


class CountingResolver(Resolver):
    """The real resolver, counting the chunks it plans (the test asks whether approve
    resolved again)."""

    planned = 0

    def plan(self, rows: list[MappedRow]) -> Plan:
        CountingResolver.planned += 1
        return super().plan(rows)


@pytest.fixture
def planned(monkeypatch: pytest.MonkeyPatch) -> type[CountingResolver]:
    monkeypatch.setattr(service_module, "Resolver", CountingResolver)
    monkeypatch.setattr(approval_module, "Resolver", CountingResolver)
    CountingResolver.planned = 0
    return CountingResolver


def _service(store: GraphStore, evidence: EvidenceStore,  # noqa: F811
             chunk_rows: int = 20_000) -> ImportService:
    return ImportService(store, evidence, chunk_rows=chunk_rows, clock=lambda: T0)


def _approve(service: ImportService, preview: Preview, planned: type[CountingResolver],
             *, resolved: bool | None) -> Preview:
    """Approve; `resolved`: whether it must have resolved the rows again (None: either).
    An engine without a write mark (Neo4j) always resolves again."""
    if service.store.write_mark() is None:
        resolved = None if resolved is False else resolved
    before = planned.planned
    done = service.approve(preview.batch_id)
    assert resolved is None or (planned.planned > before) is resolved
    return done


def _emails(store: GraphStore, email: str) -> list[str]:
    rows = store.read_cypher("MATCH (c:Contact) WHERE c.email = $e OR $e IN c.emails "
                             "RETURN c.id AS id", {"e": email})
    return [str(r["id"]) for r in rows]


def _normalised(store: GraphStore) -> tuple[list[Any], list[Any]]:
    """The graph with node ids replaced by what identifies the node (email, Message-ID,
    name) and batch numbers left out of the sources: two runs that create the same nodes
    under other random ids compare equal."""
    nodes, rels = snapshot(store)
    names: dict[str, str] = {}
    for n in nodes:
        p = n["props"]
        names[str(n["id"])] = str(p.get("email") or p.get("message_id") or p.get("name"))
    text = re.compile(r"import:\d+:")

    def clean(value: Any) -> Any:
        if isinstance(value, str):
            return names.get(value) or text.sub("import:*:", value)
        if isinstance(value, list):
            return [clean(v) for v in value]
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items()}
        return value

    return (sorted((clean(n) for n in nodes), key=repr),
            sorted((clean(r) for r in rels), key=repr))


@pytest.mark.parametrize("chunk_rows", [20_000, 2])
def test_a_kept_plan_commits_what_resolving_again_commits(
        store: GraphStore, evidence: EvidenceStore,  # noqa: F811
        planned: type[CountingResolver], chunk_rows: int) -> None:
    results = []
    for write_between in (False, True):
        store.reset()
        service = _service(store, evidence, chunk_rows)
        service.add_member("Maria Member", MEMBER)
        first = service.stage("hubspot-contacts", "hubspot_contacts.csv",
                              fixture_bytes("hubspot_contacts.csv"))
        if write_between:  # the member written again as it is: a write, but no change
            store.write_rows("load/nodes/member", [node_row(_member(store))])
        _approve(service, first, planned, resolved=write_between or None)
        mail = service.stage("mail", "mailbox.mbox", fixture_bytes("mailbox.mbox"),
                             member=MEMBER)
        if write_between:
            store.write_rows("load/nodes/member", [node_row(_member(store))])
        # In chunks of two, mail participants first met in one chunk recur in the next:
        # those plans are not kept, and approve resolves again either way.
        done = _approve(service, mail, planned, resolved=write_between or None
                        if chunk_rows == 2 else write_between)
        # A kept plan's preview stands as staged: it must read as resolving again counts.
        results.append((_normalised(store), done.nodes, done.relationships,
                        done.probable_duplicates, done.conflicts))
        service.undo(mail.batch_id)
        service.undo(first.batch_id)
    assert results[0] == results[1]


def _member(store: GraphStore) -> Member:
    found = store.read_cypher("MATCH (m:Member) RETURN properties(m) AS p")
    return Member.model_validate(found[0]["p"])


def test_plans_are_kept_at_stage_and_dropped_at_commit(
        store: GraphStore, evidence: EvidenceStore,  # noqa: F811
        planned: type[CountingResolver]) -> None:
    if store.write_mark() is None:
        pytest.skip("this engine has no write mark: plans are never kept")
    service = _service(store, evidence, chunk_rows=2)
    staged = service.stage("hubspot-contacts", "four.csv", FOUR)
    assert evidence.batch(staged.batch_id).plan_mark is not None
    assert len(list(evidence.staged_plans(staged.batch_id))) == 2
    done = _approve(service, staged, planned, resolved=False)
    assert done.nodes["Contact"].new == 4 and done.nodes["Account"].new == 4
    assert evidence.batch(staged.batch_id).plan_mark is None
    assert list(evidence.staged_plans(staged.batch_id)) == []


def test_a_plan_staged_by_the_last_version_still_loads() -> None:
    """Plans staged before an upgrade, approved after it: nodes carried the tally's flags
    and unchanged nodes and relationships were kept too; the commit skips those."""
    old = ('{"rows": 1, "nodes": [["Contact", "ct_1", "update", null, {}, [2], [], 4], '
           '["Interaction", "int_1", "new", null, {"kind": "EMAIL"}, [2], [], 0]], '
           '"edges": [["PARTICIPATED_IN", "Contact", "ct_1", "Interaction", "int_1", null, '
           '{"role": "TO"}, [2], 0]], "duplicates": [], "conflicts": [], "notes": [], '
           '"in_file_duplicates": {}}')
    chunk = load_chunk(old)
    assert chunk.rows == 1 and list(chunk.plan.nodes) == ["ct_1", "int_1"]
    assert [n.changes() for n in chunk.plan.nodes.values()] == [{}, {"kind": "EMAIL"}]
    assert [e.changes() for e in chunk.plan.edges.values()] == [{"role": "TO"}]


@pytest.mark.parametrize("chunk_rows", [1, 20_000])
def test_a_relationship_is_written_once_whichever_chunks_name_it(
        store: GraphStore, evidence: EvidenceStore,  # noqa: F811
        chunk_rows: int) -> None:
    """New relationships to new nodes are created without looking for an existing one:
    the mailbox names one message twice, in one chunk or in two."""
    service = _service(store, evidence, chunk_rows)
    service.add_member("Maria Member", MEMBER)
    mail = service.stage("mail", "mailbox.mbox", fixture_bytes("mailbox.mbox"),
                         member=MEMBER)
    service.approve(mail.batch_id)
    pairs = store.read_cypher(
        "MATCH (p)-[r:PARTICIPATED_IN]->(i:Interaction) "
        "RETURN p.email AS p, i.message_id AS i, count(r) AS n ORDER BY p, i")
    assert [r["n"] for r in pairs] == [1] * 6
    assert len(store.read_cypher("MATCH (i:Interaction) RETURN i.id AS id")) == 2


def test_a_relationship_another_writer_adds_meanwhile_is_merged(
        store: GraphStore, evidence: EvidenceStore,  # noqa: F811
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Between two nodes that exist, a relationship the plan found missing may be added by
    another writer before the commit: it is merged into, never made twice."""
    service = _service(store, evidence)
    store.write_rows("load/nodes/account", [node_row(Account(
        id="acc_one", name="One Lda", created_at=T0, updated_at=T0, sources=["manual"]))])
    service.approve(service.stage("hubspot-contacts", "ana.csv",
                                  FOUR.splitlines()[0] + b"\n701,Ana,Lima,ana@one.example,\n"
                                  ).batch_id)
    [ana] = _emails(store, "ana@one.example")
    staged = service.stage("hubspot-contacts", "four.csv", FOUR.splitlines()[0] + b"\n" +
                           FOUR.splitlines()[1] + b"\n")
    assert staged.relationships["WORKS_AT"].new == 1
    store.write_rows("load/nodes/member", [node_row(Member(  # approve resolves again
        id="mem_x", name="X", email="x@rapport.example", created_at=T0, updated_at=T0))])
    read_befores = CandidateReader.edge_befores
    added: list[str] = []

    def then_another_writer(reader: CandidateReader, plan: Plan) -> None:
        read_befores(reader, plan)
        added.append(ana)
        store.write_rows("load/edges/works_at__contact__account", [edge_row(WorksAt(
            src=NodeRef(label="Contact", id=ana), dst=NodeRef(label="Account", id="acc_one"),
            sources=["manual"]))])

    monkeypatch.setattr(CandidateReader, "edge_befores", then_another_writer)
    service.approve(staged.batch_id)
    works = store.read_cypher("MATCH (:Contact {id: $id})-[r:WORKS_AT]->(:Account) "
                              "RETURN r.sources AS s", {"id": ana})
    assert added == [ana] and len(works) == 1


@pytest.mark.parametrize("how", ["another batch", "the store"])
def test_a_contact_written_after_stage_is_resolved_to(
        store: GraphStore, evidence: EvidenceStore,  # noqa: F811
        planned: type[CountingResolver], how: str) -> None:
    service = _service(store, evidence)
    staged = service.stage("hubspot-contacts", "four.csv", FOUR)
    assert staged.nodes["Contact"].new == 4
    if how == "another batch":
        other = service.stage("hubspot-contacts", "eva.csv", FOUR.splitlines()[0] + b"\n" +
                              FOUR.splitlines()[3].replace(b"703", b"803") + b"\n")
        service.approve(other.batch_id)
    else:
        store.write_rows("load/nodes/contact", [node_row(Contact(
            id="ct_eva", name="Eva Dias", email="eva@three.example",
            emails=["eva@three.example"], created_at=T0, updated_at=T0, sources=["manual"]))])
    eva = _emails(store, "eva@three.example")
    assert len(eva) == 1
    done = _approve(service, staged, planned, resolved=True)
    assert _emails(store, "eva@three.example") == eva  # no second Eva: the stale plan's
    assert done.nodes["Contact"].new == 3 and done.nodes["Contact"].updated == 1


def test_a_write_while_approving_reverts_and_resolves_again(
        store: GraphStore, evidence: EvidenceStore,  # noqa: F811
        planned: type[CountingResolver]) -> None:
    service = _service(store, evidence, chunk_rows=2)
    staged = service.stage("hubspot-contacts", "four.csv", FOUR)

    def progress(phase: str, done: int, total: int | None) -> None:
        if done == 2 and not _emails(store, "li@four.example"):  # after the first chunk
            store.write_rows("load/nodes/contact", [node_row(Contact(
                id="ct_li", name="Li Wei", email="li@four.example", emails=["li@four.example"],
                created_at=T0, updated_at=T0, sources=["manual"]))])

    before = planned.planned
    service.approve(staged.batch_id, progress=progress)
    assert planned.planned > before  # the plan went stale half-way: resolved again
    assert _emails(store, "li@four.example") == ["ct_li"]
    assert sorted(len(_emails(store, e)) for e in
                  ("ana@one.example", "rui@two.example", "eva@three.example")) == [1, 1, 1]
    assert len(store.read_cypher("MATCH (c:Contact) RETURN c.id AS id")) == 4


@pytest.mark.parametrize("decision", ["merge", "split"])
def test_a_decision_made_after_stage_still_applies(
        store: GraphStore, evidence: EvidenceStore,  # noqa: F811
        planned: type[CountingResolver], decision: str) -> None:
    service = _service(store, evidence)
    service.add_member("Maria Member", MEMBER)
    first = service.stage("linkedin", "linkedin_Connections.csv",
                          fixture_bytes("linkedin_Connections.csv"), member=MEMBER)
    service.approve(first.batch_id)
    staged = service.stage("hubspot-contacts", "hubspot_contacts.csv",
                           fixture_bytes("hubspot_contacts.csv"))
    ana = next(d for d in staged.probable_duplicates if d.name == "Ana Lima")
    assert ana.merged  # the default verdict: merge
    service.decide_duplicate(staged.batch_id, ana.number or 0, decision)
    # Agreeing with the verdict keeps the plan; overturning it resolves again.
    done = _approve(service, staged, planned, resolved=decision == "split")
    dup = next(d for d in done.probable_duplicates if d.name == "Ana Lima")
    assert dup.decision == decision and dup.merged is (decision == "merge")
    anas = store.read_cypher("MATCH (c:Contact {name: 'Ana Lima'}) RETURN c.id AS id")
    assert len(anas) == (1 if decision == "merge" else 2)


SHARED = (b"Record ID,First Name,Last Name,Email,Associated Company,Associated Company IDs\n"
          b"901,Ana,Lima,ana@one.example,One Lda,\n902,Rui,Reis,rui@two.example,Two Lda,\n"
          b"903,Eva,Dias,eva@one.example,One Lda,\n904,Li,Wei,li@two.example,Two Lda,\n")


@pytest.mark.parametrize(("data", "kept"), [
    (SHARED, True),  # the second chunk names the same companies and adds nothing to them
    (SHARED.replace(b"Two Lda,\n903", b"Two Lda,9002\n903"), True),
    (SHARED.replace(b"li@two.example,Two Lda,\n", b"li@two.example,Two Lda,9002\n"),
     False),  # the second chunk adds an id to a company the first created
], ids=["same-companies", "id-in-first-chunk", "id-added-later"])
def test_companies_named_again_in_a_later_chunk(
        store: GraphStore, evidence: EvidenceStore,  # noqa: F811
        planned: type[CountingResolver], data: bytes, kept: bool) -> None:
    results = []
    for write_between in (False, True):
        store.reset()
        service = _service(store, evidence, chunk_rows=2)
        other = node_row(Contact(id="ct_other", name="Other", email="other@else.example",
                                 created_at=T0, updated_at=T0, sources=["manual"]))
        if not write_between:  # the same graph in the end, written before or after stage
            store.write_rows("load/nodes/contact", [other])
        staged = service.stage("hubspot-contacts", "shared.csv", data)
        if write_between:
            store.write_rows("load/nodes/contact", [other])
        done = _approve(service, staged, planned, resolved=write_between or not kept)
        assert done.nodes["Account"].new == 2 and done.nodes["Contact"].new == 4
        assert kept or store.read_cypher(
            "MATCH (a:Account {name: 'Two Lda'}) RETURN a.external_ids AS x")[0]["x"] == \
            ["hubspot:9002"]
        results.append(_normalised(store))
        service.undo(staged.batch_id)
    assert results[0] == results[1]


def test_the_write_mark_moves_on_writes_only(store: GraphStore) -> None:
    mark = store.write_mark()
    if mark is None:
        pytest.skip("this engine has no write mark")
    store.read("imports/members")
    store.read_cypher("MATCH (n) RETURN count(n) AS n")
    assert store.write_mark() == mark  # reads (and asking for the mark) leave it
    store.write_rows("load/nodes/contact", [node_row(Contact(
        id="ct_mark", name="Mark", email="mark@example.com", created_at=T0, updated_at=T0))])
    assert store.write_mark() == mark.after(1)  # one statement, one write

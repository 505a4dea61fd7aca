"""Identity resolution: which drafts are new nodes, which update (or merge into) existing
ones, and the relationships between them, one chunk of rows at a time.

Exact keys: normalised email, LinkedIn URL, external id ("hubspot:123"), and for accounts
the domain or the company name without legal suffix. Probable: the same folded name and
company (score 0.9): merged, and shown with its reason. Two different non-empty emails are
never merged on a probable match; the same name alone (0.6) is only listed. The user's
decision on a probable duplicate (merge or split, keyed by row and candidate) overrides
that default (see `graph.imports.duplicates`).
"""

from __future__ import annotations

import random
import secrets

from graph.imports import normalize as norm
from graph.imports.candidates import Candidate, CandidateReader, match_keys
from graph.imports.duplicates import CandidateView, decided, judge
from graph.imports.models import Draft, EdgeDraft, MappedRow, ProbableDuplicate
from graph.imports.plan import (
    Earlier,
    Plan,
    PlannedEdge,
    PlannedNode,
    comparable,
    edge_query_key,
    full_model,
    jsonable,
)
from graph.imports.settled import SettledParticipants
from graph.imports.written import Written
from graph.model import Account, Contact, Deal
from graph.store import GraphStore

_PREFIX = {"Contact": "ct", "Account": "acc", "Deal": "deal", "Interaction": "int"}
_ORDER = {"Account": 0, "Contact": 1, "Deal": 2, "Interaction": 3}
Index = dict[tuple[str, str], str]
Ids = dict[str, tuple[str, str]]  # a row's draft key -> (label, node id)


class Resolver:
    """Builds the Plan of a batch against the current graph, one chunk of rows at a time:
    what it learnt from earlier chunks (keys, names, planned nodes) stays, so a row in a
    later chunk resolves to a node an earlier one planned, and nothing else is held."""

    def __init__(self, store: GraphStore,
                 decisions: dict[tuple[int, str], str] | None = None, *,
                 settle: bool = False) -> None:
        """`settle`: resolve participants settled in earlier chunks without reading their
        contacts again (see graph.imports.settled); for a graph nothing else writes to
        while the batch is resolved (stage: approve checks that before it uses the plans)."""
        self.decisions = decisions or {}  # (row, candidate ref) -> merge | split
        self.reader = CandidateReader(store)
        # (label+kind, key) -> id of a node this batch planned; the graph's candidates are
        # indexed per chunk (and win), since a later chunk re-reads them.
        self._index: Index = {}
        self._names: dict[str, list[str]] = {}  # folded contact name -> node ids
        self._earlier: dict[str, Earlier] = {}
        self._edges_seen: set[int] = set()  # hashes of relationship keys planned so far
        self._plain: dict[tuple[str, str], Earlier] = {}
        # The chunk's participant drafts (see participant_key) -> the node they resolved to.
        self._participants: dict[str, PlannedNode] = {}
        self._settled = SettledParticipants(settle)
        # What the earlier chunks write: a chunk that touches it is `dependent` (see Plan).
        self._written = Written(self._earlier)
        self._matched: set[str] = set()  # ids the chunk's keys found in the batch's index
        # New node ids: 64 random bits each, as secrets.token_hex(8) gives, from a generator
        # seeded once (a system call per id was 2 % of a mailbox's stage). Ids are not secret.
        self._ids = random.Random(secrets.randbits(128))

    def plan(self, rows: list[MappedRow]) -> Plan:
        """The plan of one chunk of rows (the rows of a small file: one chunk)."""
        plan = Plan()
        self._participants = {}
        self._matched = set()
        good = [r for r in rows if not r.errors]
        for r in rows:
            if r.errors:
                plan.rejected[r.row] = dict(r.errors)
        self._settled.start(good, self.reader.changed)
        people = self.reader.people(good)
        graph = self.reader.candidates(good, skip=self._settled.found)
        index = self._index_candidates(graph)
        by_id = {c.node_id: c for c in graph}
        self._settled.unsettle(set(self._settled.found.values()) & by_id.keys())
        for row in good:
            ids = self._resolve_row(row, people, index, by_id, plan)
            if ids is not None:
                self._plan_edges(row, row.edges, ids, plan)
        self._settled.add_rows(plan)
        for node in plan.nodes.values():  # counted, remembered and committed: work it out once
            node.frozen = node.changes()
        partial = [n for n in plan.nodes.values() if n.frozen and n.action == "update"
                   and not n.carried and n.node_id in by_id and by_id[n.node_id].partial]
        self.reader.complete(partial)
        for node in partial:  # what differs, against every property it holds
            node.frozen = None
            node.frozen = node.changes()
        self.reader.edge_befores(plan)
        # Before _remember records this chunk's nodes as earlier ones.
        plan.dependent = self._written.touched_by(
            plan, self._matched | self.reader.asked | set(by_id), self._index)
        self._remember(plan)
        for edge in plan.edges.values():  # after _remember, which marks the repeats
            edge.frozen = edge.changes()
        self._written.note(plan)
        self._settled.settle(self._participants, self.reader.changed)
        return plan

    def _index_candidates(self, graph: list[Candidate]) -> Index:
        index: Index = {}
        for cand in graph:
            for key in match_keys(cand.label, cand.props, cand.props.get("external_ids") or []):
                index.setdefault(key, cand.node_id)
            if cand.label == "Contact":
                name = norm.name_key(str(cand.props.get("name") or ""))
                if name:
                    self._add_name(name, cand.node_id)
        return index

    def _resolve_row(self, row: MappedRow, people: Ids, index: Index,
                     by_id: dict[str, Candidate], plan: Plan) -> Ids | None:
        """The nodes a row's drafts resolve to; None when the row is rejected."""
        ids: Ids = {}
        for draft in sorted(row.entities, key=lambda d: _ORDER.get(d.label, -1)):
            if draft.fixed_id is not None:
                found = people.get(draft.fixed_id)
                if draft.label == "Member":
                    ids[draft.key] = ("Member", draft.fixed_id)
                elif found is None:
                    plan.rejected[row.row] = {draft.key: f"{draft.fixed_id!r} is neither a "
                                              "member nor a contact (by id or email)"}
                    return None
                else:
                    ids[draft.key] = found
                continue
            settled = self._settled.meet(draft, row.row, plan)
            if settled is not None:
                ids[draft.key] = ("Contact", settled)
                continue
            node = self._resolve(draft, row.row, index, by_id, plan)
            if node is None:
                plan.notes.append(
                    f"row {row.row}: {draft.label} {', '.join(draft.external_ids)} is not "
                    "in the graph or this file; its relationship was skipped")
                continue
            ids[draft.key] = (node.label, node.node_id)
        return ids

    @staticmethod
    def _plan_edges(row: MappedRow, edges: list[EdgeDraft], ids: Ids, plan: Plan) -> None:
        for edge in edges:
            if edge.src not in ids or edge.dst not in ids:
                continue
            (src_label, src_id), (dst_label, dst_id) = ids[edge.src], ids[edge.dst]
            if edge.type == "KNOWS" and src_label == dst_label == "Contact" and \
                    dst_id < src_id:
                src_id, dst_id = dst_id, src_id  # stored once per pair, smaller id first
            if edge.type == "KNOWS" and (src_label, dst_label) == ("Contact", "Member"):
                src_label, src_id, dst_label, dst_id = dst_label, dst_id, src_label, src_id
            edge_key = (f"{edge.type}:{src_label}:{dst_label}", src_id, dst_id)
            planned = plan.edges.get(edge_key)
            if planned is None:
                planned = plan.edges[edge_key] = PlannedEdge(
                    edge.type, src_label, src_id, dst_label, dst_id, {}, None)
            planned.absorb(edge.props)
            planned.rows.append(row.row)

    def _add_name(self, name: str, node_id: str) -> None:
        ids = self._names.setdefault(name, [])
        if node_id not in ids:
            ids.append(node_id)

    def _remember(self, plan: Plan) -> None:
        for key, edge in plan.edges.items():
            seen = hash(key)
            edge.repeat = seen in self._edges_seen
            self._edges_seen.add(seen)
        for node in plan.nodes.values():
            if node.label == "Contact" and node.node_id not in self.reader.changed and \
                    node.changed():
                self.reader.changed.add(node.node_id)
            if node.carried or node.node_id in self._earlier:
                continue
            ref = f"row:{node.rows[0]}" if node.action == "new" and node.rows else node.node_id
            if node.label == "Contact":
                self.reader.contact_keys.add(node.node_id, {
                    **(node.before or {}), **node.incoming, "external_ids": node.external_ids})
                email = node.incoming.get("email") or (node.before or {}).get("email")
                self._earlier[node.node_id] = Earlier(node.label, node.action, ref, node.name,
                                                      node.company, email)
            else:  # one shared record per kind: a mailbox plans 100,000s of interactions
                self._earlier[node.node_id] = self._plain.setdefault(
                    (node.label, node.action), Earlier(node.label, node.action, ""))

    def _resolve(self, draft: Draft, row: int, index: Index, by_id: dict[str, Candidate],
                 plan: Plan) -> PlannedNode | None:
        seen = self._settled.keys.get(id(draft))
        known = self._participants.get(seen) if seen is not None else None
        if known is not None:
            if row not in known.rows:
                plan.count_duplicate(draft.label)
                known.rows.append(row)
            return known
        conflicts = len(plan.conflicts)
        node = self._resolve_keys(draft, row, index, by_id, plan)
        if seen is not None and node is not None and len(plan.conflicts) == conflicts:
            self._participants[seen] = node  # (a conflict is reported for every row)
        return node

    def _resolve_keys(self, draft: Draft, row: int, index: Index,
                      by_id: dict[str, Candidate], plan: Plan) -> PlannedNode | None:
        keys = match_keys(draft.label, draft.props, draft.external_ids)
        if self._earlier:
            self._matched.update(i for k in keys if (i := self._index.get(k)) is not None)
        match = next((index.get(k) or self._index[k] for k in keys
                      if k in index or k in self._index), None)
        merged_reason: ProbableDuplicate | None = None
        if match is None and draft.label == "Contact":
            match, merged_reason = self._probable(draft, row, by_id, plan)
        if match is None and not draft.props:
            return None  # a bare reference (external id only) to nothing we know
        node = self._node(draft, row, match, by_id, plan)
        if merged_reason is not None:
            node.merged = True
        conflict = node.absorb(draft)
        if conflict is not None:
            plan.conflicts.append(conflict)
        if row not in node.rows:
            node.rows.append(row)
        for key in keys:
            self._index.setdefault(key, node.node_id)
        return node

    def _node(self, draft: Draft, row: int, match: str | None, by_id: dict[str, Candidate],
              plan: Plan) -> PlannedNode:
        """The planned node a draft resolves to (`match`: a node id, or None for a new one),
        counted as an in-file duplicate when another row already named it."""
        if match is None:
            node = PlannedNode(draft.label,
                               f"{_PREFIX[draft.label]}_{self._ids.getrandbits(64):016x}",
                               "new", None)
            plan.nodes[node.node_id] = node
            name = norm.name_key(draft.props.get("name")) if draft.label == "Contact" else None
            if name:
                self._add_name(name, node.node_id)
            return node
        if match in plan.nodes:
            node = plan.nodes[match]
            repeated = row not in node.rows
        elif match in by_id:
            cand = by_id[match]
            node = PlannedNode(draft.label, match, "update", cand.props,
                               repeat=match in self._earlier)
            node.company = cand.companies[0] if cand.companies else None
            plan.nodes[match] = node
            repeated = node.repeat
        else:
            node = PlannedNode(draft.label, match, self._earlier[match].action, None,
                               carried=True)
            plan.nodes[match] = node
            repeated = True
        if repeated and draft.props:
            plan.count_duplicate(draft.label)
        return node

    def _probable(self, draft: Draft, row: int, by_id: dict[str, Candidate], plan: Plan
                  ) -> tuple[str | None, ProbableDuplicate | None]:
        """The first candidate this contact merges into (by default or by the user's
        decision); every candidate looked at is listed in the plan's duplicates."""
        name = norm.name_key(draft.props.get("name"))
        if not name:
            return None, None
        for node_id in self._names.get(name, []):
            view = self._candidate_view(node_id, by_id, plan)
            dup = decided(judge(draft, row, node_id, view), self.decisions)
            plan.duplicates.append(dup)
            if dup.merged:
                return node_id, dup
        return None, None

    def _candidate_view(self, node_id: str, by_id: dict[str, Candidate], plan: Plan
                        ) -> CandidateView:
        """A node this batch creates is referred to by its first row ("row:N") whichever
        chunk sees it, so the user's decision on it (keyed by that ref) holds when approve
        meets it again, committed by then."""
        planned = plan.nodes.get(node_id)
        if planned is not None and planned.action == "new" and not planned.carried:
            ref = f"row:{planned.rows[0]}" if planned.rows else node_id
            return CandidateView(planned.name, planned.company, planned.incoming.get("email"),
                                 ref)
        earlier = self._earlier.get(node_id)
        if earlier is not None and earlier.action == "new":
            return CandidateView(earlier.name or node_id, earlier.company, earlier.email,
                                 earlier.ref)
        if node_id in by_id:
            c = by_id[node_id]
            return CandidateView(str(c.props.get("name", "")),
                                 c.companies[0] if c.companies else None,
                                 c.props.get("email"), node_id)
        if planned is not None and not planned.carried:
            return CandidateView(planned.name, planned.company,
                                 (planned.before or {}).get("email"), node_id)
        assert earlier is not None, node_id
        return CandidateView(earlier.name or node_id, earlier.company, earlier.email, node_id)


__all__ = ["Account", "Contact", "Deal", "Plan", "PlannedEdge", "PlannedNode", "Resolver",
           "comparable", "edge_query_key", "full_model", "jsonable"]

"""Identity resolution and the commit plan: which drafts are new nodes, which update (or
merge into) existing ones, field by field.

Exact keys: normalised email, LinkedIn URL, external id ("hubspot:123"), and for accounts
the domain or the company name without legal suffix. Probable: the same folded name and
company (score 0.9): merged, and shown with its reason. Two different non-empty emails are
never merged on a probable match; the same name alone (0.6) is only listed. The user's
decision on a probable duplicate (merge or split, keyed by row and candidate) overrides
that default.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, NamedTuple

from graph.imports import normalize as norm
from graph.imports.identity import ContactKeys
from graph.imports.models import Draft, MappedRow, ProbableDuplicate
from graph.model import NODE_BY_LABEL, Account, Contact, Deal
from graph.model.base import GraphNode
from graph.store import GraphStore

_PREFIX = {"Contact": "ct", "Account": "acc", "Deal": "deal", "Interaction": "int"}
_LIST_UNION = ("emails", "external_ids", "origins", "sources")
_ORDER = {"Account": 0, "Contact": 1, "Deal": 2, "Interaction": 3}
_ISO_UTC = re.compile(r"^\d{4}-\d\d-\d\dT[\d:.]+(Z|\+00:00)$")


def jsonable(props: dict[str, Any]) -> dict[str, Any]:
    """Graph properties as JSON: temporal values tagged so undo can restore their type."""
    out: dict[str, Any] = {}
    for key, value in props.items():
        if isinstance(value, datetime):
            out[key] = {"$datetime": norm_iso(value)}
        elif isinstance(value, date):
            out[key] = {"$date": value.isoformat()}
        else:
            out[key] = value
    return out


def norm_iso(value: datetime) -> str:
    from graph.rows import iso

    return str(iso(value))


def comparable(value: Any) -> Any:
    if isinstance(value, dict) and len(value) == 1:
        tag, text = next(iter(value.items()))
        if tag in ("$datetime", "$date"):
            return text
    if isinstance(value, datetime):
        return norm_iso(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str) and _ISO_UTC.match(value):
        return value.removesuffix("Z").removesuffix("+00:00")
    return value


@dataclass(slots=True)
class PlannedNode:
    label: str
    node_id: str
    action: str  # new | update
    before: dict[str, Any] | None  # JSON-tagged graph properties (updates)
    incoming: dict[str, Any] = field(default_factory=dict)
    external_ids: list[str] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)
    merged: bool = False
    company: str | None = None
    fill_only: set[str] = field(default_factory=set)  # keys set only where missing
    # Planned in an earlier chunk of the same batch: here only so its rows' relationships
    # can point at it; what it holds was planned (and counted) there.
    carried: bool = False
    # Written by an earlier chunk of the same batch: the first row that named a field keeps
    # it (as within one chunk), later rows only fill what is still empty.
    repeat: bool = False
    frozen: dict[str, Any] | None = None  # changes() once the plan is complete (see freeze)

    @property
    def name(self) -> str:
        props = {**(self.before or {}), **self.incoming}
        return str(props.get("name") or props.get("subject") or self.node_id)

    def changes(self) -> dict[str, Any]:
        """The properties to write: all of them for a new node, else only what differs."""
        if self.frozen is not None:
            return dict(self.frozen)  # a copy: the commit pops and adds keys
        if self.carried:
            return {}
        props = {k: comparable(v) for k, v in self.incoming.items()}
        if self.external_ids:
            props["external_ids"] = self.external_ids
        if self.action == "new":
            return props
        before = self.before or {}
        by_hand = set(before.get("edited_fields") or ())
        changed: dict[str, Any] = {}
        for key, value in props.items():
            old = comparable(before.get(key))
            if key in by_hand and old not in (None, "", []):
                continue  # edited in Rapport by a person: an export never overwrites it
            if key in _LIST_UNION and isinstance(value, list):
                merged = list(old or []) + [v for v in value if v not in (old or [])]
                if merged != (old or []):
                    changed[key] = merged
            elif key == "email" and old and old != value:
                continue  # never replace a primary email: it was added to `emails` instead
            elif (key in self.fill_only or self.repeat) and old not in (None, "", []):
                continue
            elif value is not None and old != value:
                changed[key] = value
        return changed


@dataclass(slots=True)
class PlannedEdge:
    type: str
    src_label: str
    src_id: str
    dst_label: str
    dst_id: str
    incoming: dict[str, Any]
    before: dict[str, Any] | None
    rows: list[int] = field(default_factory=list)
    repeat: bool = False  # planned by an earlier chunk too: only fills what is empty

    def changes(self) -> dict[str, Any]:
        incoming = {k: comparable(v) for k, v in self.incoming.items()}
        if self.before is None:
            return incoming
        changed: dict[str, Any] = {}
        for key, value in incoming.items():
            old = comparable(self.before.get(key))
            if key in _LIST_UNION and isinstance(value, list):
                merged = list(old or []) + [v for v in value if v not in (old or [])]
                if merged != (old or []):
                    changed[key] = merged
            elif key == "first_seen" and old and value and str(old) <= str(value):
                continue  # keep the earliest first-seen
            elif self.repeat and old not in (None, "", []):
                continue
            elif value is not None and old != value:
                changed[key] = value
        return changed


@dataclass
class Plan:
    nodes: dict[str, PlannedNode] = field(default_factory=dict)
    edges: dict[tuple[str, str, str], PlannedEdge] = field(default_factory=dict)
    duplicates: list[ProbableDuplicate] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    rejected: dict[int, dict[str, str]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    in_file_duplicates: dict[str, int] = field(default_factory=dict)


class _Earlier(NamedTuple):
    """A node planned in an earlier chunk of the batch: enough to resolve later rows to it
    and to judge it as a probable duplicate, without holding its plan."""

    label: str
    action: str
    ref: str  # "row:N" for a node the batch creates, else its id
    name: str | None = None
    company: str | None = None
    email: str | None = None


@dataclass
class _Candidate:
    node_id: str
    label: str
    props: dict[str, Any]
    companies: list[str]


class Resolver:
    """Builds the Plan of a batch against the current graph, one chunk of rows at a time:
    what it learnt from earlier chunks (keys, names, planned nodes) stays, so a row in a
    later chunk resolves to a node an earlier one planned, and nothing else is held."""

    def __init__(self, store: GraphStore,
                 decisions: dict[tuple[int, str], str] | None = None) -> None:
        self.store = store
        self.decisions = decisions or {}  # (row, candidate ref) -> merge | split
        # (label+kind, key) -> id of a node this batch planned; the graph's candidates are
        # indexed per chunk (and win), since a later chunk re-reads them.
        self._index: dict[tuple[str, str], str] = {}
        self._names: dict[str, list[str]] = {}  # folded contact name -> node ids
        self._earlier: dict[str, _Earlier] = {}
        self._edges_seen: set[int] = set()  # hashes of relationship keys planned so far
        self._by_email: dict[str, _Candidate] = {}  # contacts read by email, kept (see use)
        self._changed: set[str] = set()  # ids of contacts the batch's plans change
        self._plain: dict[tuple[str, str], _Earlier] = {}
        self._contact_keys = ContactKeys(store)

    def plan(self, rows: list[MappedRow]) -> Plan:
        """The plan of one chunk of rows (the rows of a small file: one chunk)."""
        plan = Plan()
        good = [r for r in rows if not r.errors]
        for r in rows:
            if r.errors:
                plan.rejected[r.row] = dict(r.errors)
        people = self._people(good)
        graph = self._candidates(good)
        index: dict[tuple[str, str], str] = {}
        for cand in graph:
            for key in self._keys(cand.label, cand.props, cand.props.get("external_ids") or []):
                index.setdefault(key, cand.node_id)
            name = norm.name_key(str(cand.props.get("name") or "")) if cand.label == \
                "Contact" else None
            if name:
                self._add_name(name, cand.node_id)
        by_id = {c.node_id: c for c in graph}
        for row in good:
            ids: dict[str, tuple[str, str]] = {}
            problem = None
            for draft in sorted(row.entities, key=lambda d: _ORDER.get(d.label, -1)):
                if draft.fixed_id is not None:
                    found = people.get(draft.fixed_id)
                    if draft.label == "Member":
                        ids[draft.key] = ("Member", draft.fixed_id)
                    elif found is None:
                        problem = (draft.key, f"{draft.fixed_id!r} is neither a member nor "
                                              "a contact (by id or email)")
                        break
                    else:
                        ids[draft.key] = found
                    continue
                node = self._resolve(draft, row.row, index, by_id, plan, ids)
                if node is None:
                    plan.notes.append(
                        f"row {row.row}: {draft.label} {', '.join(draft.external_ids)} is not "
                        "in the graph or this file; its relationship was skipped")
                    continue
                ids[draft.key] = (node.label, node.node_id)
            if problem:
                plan.rejected[row.row] = {problem[0]: problem[1]}
                continue
            for edge in row.edges:
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
                for k, v in edge.props.items():
                    if k in _LIST_UNION and isinstance(v, list):
                        old = planned.incoming.get(k) or []
                        planned.incoming[k] = old + [x for x in v if x not in old]
                    elif k == "first_seen" and planned.incoming.get(k):
                        planned.incoming[k] = min(planned.incoming[k], v)
                    else:
                        planned.incoming.setdefault(k, v)
                planned.rows.append(row.row)
        self._edge_befores(plan)
        for node in plan.nodes.values():  # counted, remembered and committed: work it out once
            node.frozen = node.changes()
        self._remember(plan)
        return plan

    def _remember_edges(self, plan: Plan) -> None:
        for key, edge in plan.edges.items():
            seen = hash(key)
            edge.repeat = seen in self._edges_seen
            self._edges_seen.add(seen)

    def _add_name(self, name: str, node_id: str) -> None:
        ids = self._names.setdefault(name, [])
        if node_id not in ids:
            ids.append(node_id)

    def _remember(self, plan: Plan) -> None:
        self._remember_edges(plan)
        for node in plan.nodes.values():
            if node.label == "Contact" and node.node_id not in self._changed and \
                    node.changes():
                self._changed.add(node.node_id)
            if node.carried or node.node_id in self._earlier:
                continue
            ref = f"row:{node.rows[0]}" if node.action == "new" and node.rows else node.node_id
            if node.label == "Contact":
                self._contact_keys.add(node.node_id, {**(node.before or {}), **node.incoming,
                                                      "external_ids": node.external_ids})
                email = node.incoming.get("email") or (node.before or {}).get("email")
                self._earlier[node.node_id] = _Earlier(node.label, node.action, ref, node.name,
                                                       node.company, email)
            else:  # one shared record per kind: a mailbox plans 100,000s of interactions
                self._earlier[node.node_id] = self._plain.setdefault(
                    (node.label, node.action), _Earlier(node.label, node.action, ""))

    # -- lookups ---------------------------------------------------------------------------
    def _people(self, rows: list[MappedRow]) -> dict[str, tuple[str, str]]:
        keys = sorted({d.fixed_id for r in rows for d in r.entities
                       if d.fixed_id is not None and d.label == "Person"})
        if not keys:
            return {}
        found: dict[str, tuple[str, str]] = {}
        for rec in self.store.read("imports/find_people", {"keys": keys}):
            ref = (str(rec["label"]), str(rec["id"]))
            found[str(rec["id"])] = ref
            if rec.get("email"):
                found[str(rec["email"])] = ref
        return found

    def _candidates(self, rows: list[MappedRow]) -> list[_Candidate]:
        drafts = [d for row in rows for d in row.entities]
        contacts = [d for d in drafts if d.label == "Contact"]
        found = self._contacts_by_email(contacts)
        known = {e for c in found for e in [c.props.get("email"), *(c.props.get("emails") or [])]}
        # Only drafts no primary email resolved need the scanning query (other keys, names).
        rest = [d for d in contacts if not any(e in known for e in d.props.get("emails") or [])]
        ext = {x for d in drafts if d.label != "Contact" for x in d.external_ids}
        seen = {c.node_id for c in found}
        more = sorted(self._contact_keys.ids_for(rest) - seen) if rest else []
        if more:
            found += self._read("imports/find_contacts_by_id", "Contact", {"ids": more})
        accounts = [d for d in drafts if d.label == "Account"]
        domains = {str(d.props["domain"]) for d in accounts if d.props.get("domain")}
        companies = {str(d.props["name"]).lower() for d in accounts if d.props.get("name")}
        if domains or companies or ext:
            found += self._read("imports/find_accounts", "Account", {
                "domains": sorted(domains), "ext": sorted(ext), "names": sorted(companies)})
        deal_names = {str(d.props["name"]).lower() for d in drafts
                      if d.label == "Deal" and d.props.get("name")}
        if deal_names or ext:
            found += self._read("imports/find_deals", "Deal",
                                {"ext": sorted(ext), "names": sorted(deal_names)})
        message_ids = {str(d.props["message_id"]) for d in drafts
                       if d.label == "Interaction" and d.props.get("message_id")}
        if message_ids:
            found += self._read("imports/find_interactions", "Interaction",
                                {"ids": sorted(message_ids)})
        return found

    def _contacts_by_email(self, drafts: list[Draft]) -> list[_Candidate]:
        """Contacts with these emails. A mailbox names the same people in every chunk, so
        what was read stays cached, except nodes this batch changes (which an approve has
        written since): those are read again."""
        emails = {e for d in drafts for e in d.props.get("emails") or []}
        if not emails:
            return []
        found: dict[str, _Candidate] = {}
        missing = []
        for email in sorted(emails):
            cached = self._by_email.get(email)
            if cached is None or cached.node_id in self._changed:
                missing.append(email)
            else:
                found[cached.node_id] = cached
        if missing:
            for cand in self._read("imports/find_contacts_by_email", "Contact",
                                   {"emails": missing}):
                found[cand.node_id] = cand
                for e in [cand.props.get("email"), *(cand.props.get("emails") or [])]:
                    if e:
                        self._by_email[str(e)] = cand
        return list(found.values())

    def _read(self, query: str, label: str, params: dict[str, Any]) -> list[_Candidate]:
        return [_Candidate(str(rec["id"]), label, canonical_props(rec["props"]),
                           list(rec.get("companies") or []))
                for rec in self.store.read(query, params)]

    @staticmethod
    def _keys(label: str, props: dict[str, Any], external_ids: list[str]
              ) -> list[tuple[str, str]]:
        keys = [(f"{label}:ext", x) for x in external_ids]
        if label == "Contact":
            keys += [("Contact:email", e) for e in props.get("emails") or []]
            if props.get("email"):
                keys.append(("Contact:email", str(props["email"])))
            if props.get("linkedin_url"):
                keys.append(("Contact:url", norm.linkedin_url(str(props["linkedin_url"])) or ""))
        elif label == "Account":
            if props.get("domain"):
                keys.append(("Account:domain", str(props["domain"])))
            if props.get("name"):
                keys.append(("Account:name", norm.company_key(str(props["name"])) or ""))
        elif label == "Deal" and props.get("name"):
            keys.append(("Deal:name", norm.fold(str(props["name"]))))
        elif label == "Interaction" and props.get("message_id"):
            keys.append(("Interaction:msgid", str(props["message_id"])))
        return keys

    def _resolve(self, draft: Draft, row: int, index: dict[tuple[str, str], str],
                 by_id: dict[str, _Candidate], plan: Plan,
                 ids: dict[str, tuple[str, str]]) -> PlannedNode | None:
        keys = self._keys(draft.label, draft.props, draft.external_ids)
        match = next((index.get(k) or self._index[k] for k in keys
                      if k in index or k in self._index), None)
        merged_reason: ProbableDuplicate | None = None
        if match is None and draft.label == "Contact":
            match, merged_reason = self._probable(draft, row, by_id, plan)
        if match is None and not draft.props:
            return None  # a bare reference (external id only) to nothing we know
        if match is None:
            node = PlannedNode(draft.label, f"{_PREFIX[draft.label]}_{secrets.token_hex(8)}",
                               "new", None)
            plan.nodes[node.node_id] = node
            name = norm.name_key(draft.props.get("name")) if draft.label == "Contact" else None
            if name:
                self._add_name(name, node.node_id)
        elif match in plan.nodes:
            node = plan.nodes[match]
            if row not in node.rows and draft.props:
                plan.in_file_duplicates[draft.label] = \
                    plan.in_file_duplicates.get(draft.label, 0) + 1
        elif match in by_id:
            cand = by_id[match]
            node = PlannedNode(draft.label, match, "update", jsonable(cand.props),
                               repeat=match in self._earlier)
            node.company = cand.companies[0] if cand.companies else None
            plan.nodes[match] = node
            if node.repeat and draft.props:
                plan.in_file_duplicates[draft.label] = \
                    plan.in_file_duplicates.get(draft.label, 0) + 1
        else:
            earlier = self._earlier[match]
            node = PlannedNode(draft.label, match, earlier.action, None, carried=True)
            plan.nodes[match] = node
            if draft.props:
                plan.in_file_duplicates[draft.label] = \
                    plan.in_file_duplicates.get(draft.label, 0) + 1
        if merged_reason is not None:
            node.merged = True
        self._absorb(node, draft, plan)
        if row not in node.rows:
            node.rows.append(row)
        for key in keys:
            self._index.setdefault(key, node.node_id)
        return node

    def _probable(self, draft: Draft, row: int, by_id: dict[str, _Candidate], plan: Plan
                  ) -> tuple[str | None, ProbableDuplicate | None]:
        """The first candidate this contact merges into (by default or by the user's
        decision); every candidate looked at is listed in the plan's duplicates."""
        name = norm.name_key(draft.props.get("name"))
        if not name:
            return None, None
        for node_id in self._names.get(name, []):
            dup = self._judge(draft, row, node_id, by_id, plan)
            decision = self.decisions.get((row, dup.candidate_ref))
            if decision is not None:
                dup.decision = "merge" if decision == "merge" else "split"
                dup.merged = decision == "merge"
            plan.duplicates.append(dup)
            if dup.merged:
                return node_id, dup
        return None, None

    def _judge(self, draft: Draft, row: int, node_id: str, by_id: dict[str, _Candidate],
               plan: Plan) -> ProbableDuplicate:
        """The default verdict on one candidate: merged only for the same name and company
        without two different emails."""
        cand_name, cand_company, theirs, ref = self._candidate_view(node_id, by_id, plan)
        mine = draft.props.get("email")
        company = norm.company_key(draft.company)
        same_company = bool(company) and norm.company_key(cand_company) == company
        base: dict[str, Any] = {"row": row, "label": "Contact", "name": str(draft.props["name"]),
                "candidate_id": node_id, "candidate_name": cand_name, "candidate_ref": ref}
        if same_company and mine and theirs and mine != theirs:
            return ProbableDuplicate(
                **base, score=0.7, merged=False,
                reason=f"same name and company '{draft.company}' but different emails "
                       f"({mine} vs {theirs}): kept apart")
        if same_company:
            return ProbableDuplicate(
                **base, score=0.9, merged=True,
                reason=f"same name '{cand_name}' and company '{cand_company}'"
                       + ("" if (mine and theirs) else
                          f", no conflicting email ({mine or theirs or 'none'})"))
        return ProbableDuplicate(
            **base, score=0.6, merged=False,
            reason="same name, but no common company to confirm: kept apart")

    def _candidate_view(self, node_id: str, by_id: dict[str, _Candidate], plan: Plan
                        ) -> tuple[str, str | None, Any, str]:
        """(name, company, email, ref) of a candidate. A node this batch creates is referred
        to by its first row ("row:N") whichever chunk sees it, so the user's decision on it
        (keyed by that ref) holds when approve meets it again, committed by then."""
        planned = plan.nodes.get(node_id)
        if planned is not None and planned.action == "new" and not planned.carried:
            ref = f"row:{planned.rows[0]}" if planned.rows else node_id
            return planned.name, planned.company, planned.incoming.get("email"), ref
        earlier = self._earlier.get(node_id)
        if earlier is not None and earlier.action == "new":
            return earlier.name or node_id, earlier.company, earlier.email, earlier.ref
        if node_id in by_id:
            c = by_id[node_id]
            return (str(c.props.get("name", "")), c.companies[0] if c.companies else None,
                    c.props.get("email"), node_id)
        if planned is not None and not planned.carried:
            return planned.name, planned.company, (planned.before or {}).get("email"), node_id
        assert earlier is not None, node_id
        return earlier.name or node_id, earlier.company, earlier.email, node_id

    def _absorb(self, node: PlannedNode, draft: Draft, plan: Plan) -> None:
        if draft.company and not node.company:
            node.company = draft.company
        for x in draft.external_ids:
            if x not in node.external_ids:
                node.external_ids.append(x)
        for key in draft.props:
            if draft.fill_only and key not in node.incoming:
                node.fill_only.add(key)
            elif not draft.fill_only:
                node.fill_only.discard(key)
        for key, value in draft.props.items():
            current = node.incoming.get(key)
            if key in _LIST_UNION and isinstance(value, list):
                node.incoming[key] = list(current or []) + [
                    v for v in value if v not in (current or [])]
            elif current is None:
                node.incoming[key] = value
        primary = draft.props.get("email")
        existing = (node.before or {}).get("email") or node.incoming.get("email")
        if primary and existing and primary != existing:
            plan.conflicts.append(
                f"{node.label} {node.name} ({node.node_id}): email {primary} differs from "
                f"{existing}; kept {existing} as primary and added {primary} to emails")
            emails = node.incoming.setdefault("emails", [])
            for e in (existing, primary):
                if e not in emails:
                    emails.append(e)
            node.incoming["email"] = existing

    def _edge_befores(self, plan: Plan) -> None:
        groups: dict[str, list[PlannedEdge]] = {}
        for edge in plan.edges.values():
            if plan.nodes.get(edge.src_id, None) is not None and \
                    plan.nodes[edge.src_id].action == "new":
                continue
            if plan.nodes.get(edge.dst_id, None) is not None and \
                    plan.nodes[edge.dst_id].action == "new":
                continue
            groups.setdefault(edge_query_key(edge), []).append(edge)
        for key, edges in groups.items():
            found = {(r["src"], r["dst"]): r["props"] for r in self.store.read(
                f"imports/edge_props/{key}",
                {"rows": [{"src": e.src_id, "dst": e.dst_id} for e in edges]})}
            for edge in edges:
                props = found.get((edge.src_id, edge.dst_id))
                edge.before = jsonable(props) if props is not None else None


def canonical_props(props: dict[str, Any]) -> dict[str, Any]:
    """A node's properties without what the indexer derives from them (the vector and its
    bookkeeping): an import never diffs or restores those; an undo that puts a node's old
    properties back leaves it unindexed, and the next `rapport index` embeds it again."""
    return {k: v for k, v in props.items()
            if not k.startswith("embedding") and k != "last_indexed"}


def edge_query_key(edge: PlannedEdge) -> str:
    return f"{edge.type.lower()}__{edge.src_label.lower()}__{edge.dst_label.lower()}"


def full_model(label: str, node_id: str, props: dict[str, Any], now: datetime) -> GraphNode:
    """A new node with the model's defaults (validation already passed on the draft)."""
    model = NODE_BY_LABEL[label]
    known = {k: v for k, v in props.items() if k in model.model_fields}
    return model.model_validate({**known, "id": node_id, "created_at": now, "updated_at": now})


__all__ = ["Account", "Contact", "Deal", "Plan", "PlannedEdge", "PlannedNode", "Resolver",
           "comparable", "edge_query_key", "full_model", "jsonable"]

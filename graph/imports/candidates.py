"""What the graph already holds for a chunk of drafts: the candidate nodes their keys may
match, the people edge lists name, and the properties of relationships a plan updates."""

from __future__ import annotations

import math
from collections.abc import Container
from dataclasses import dataclass
from typing import Any

from graph import jsontext
from graph.imports import normalize as norm
from graph.imports.errors import StalePlan
from graph.imports.identity import ContactKeys
from graph.imports.models import Draft, MappedRow
from graph.imports.plan import (
    Plan,
    PlannedEdge,
    PlannedNode,
    canonical_props,
    edge_query_key,
    jsonable,
)
from graph.store import GraphStore


@dataclass(slots=True)
class Candidate:
    """A node the graph holds. `props` are tagged as the change log keeps them (temporal
    values as {"$datetime": ...}), worked out once when read: a cached contact is a
    candidate again in every chunk that names it, and it is held once (nothing changes
    it in place)."""

    node_id: str
    label: str
    props: dict[str, Any]
    companies: list[str]
    # Only the fields a mail participant is resolved by (see _PARTICIPANT_READ): a node
    # that changes is read again in full before its plan is complete (`complete`).
    partial: bool = False


@dataclass(frozen=True, slots=True)
class _Packed:
    """A cached contact candidate as JSON text, a quarter of its size as objects (a
    mailbox's stage holds every contact it names, 100,000 of them held about 110 MB more
    as objects); unpacked again for each chunk that names it. A candidate with a value
    JSON cannot hold (a float NaN) stays as it is."""

    node_id: str
    text: str | None
    kept: Candidate | None
    partial: bool = False

    @classmethod
    def of(cls, cand: Candidate) -> _Packed:
        if any(type(v) is float and not math.isfinite(v) for v in cand.props.values()):
            return cls(cand.node_id, None, cand, cand.partial)
        return cls(cand.node_id, jsontext.dumps([cand.props, cand.companies]), None,
                   cand.partial)

    def candidate(self) -> Candidate:
        if self.text is None:
            assert self.kept is not None
            return self.kept
        props, companies = jsontext.loads(self.text)
        return Candidate(self.node_id, "Contact", props, companies, self.partial)


# A mail participant's draft carries these (graph.imports.mail); resolving it reads these
# of a candidate: its keys, its name and the fields edited by hand.
_PARTICIPANT_PROPS = frozenset({"name", "email", "emails"})
_PARTICIPANT_READ = ("name", "email", "emails", "linkedin_url", "external_ids",
                     "edited_fields")


def _participant(draft: Draft) -> bool:
    return draft.fill_only and not draft.external_ids and draft.props.keys() <= \
        _PARTICIPANT_PROPS


def match_keys(label: str, props: dict[str, Any], external_ids: list[str]
               ) -> list[tuple[str, str]]:
    """The exact keys a node of `label` with these properties is found by."""
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


class CandidateReader:
    """Reads candidates for a batch, one chunk at a time. Contacts read by email stay
    cached across chunks (a mailbox names the same people in every chunk), except those
    the batch changes (`changed`): an approve has written them since, so they are read
    again."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self.contact_keys = ContactKeys(store)
        self.changed: set[str] = set()  # ids of contacts the batch's plans change
        self.asked: set[str] = set()  # contact ids the last chunk looked up by its keys
        self._by_email: dict[str, _Packed] = {}

    def people(self, rows: list[MappedRow]) -> dict[str, tuple[str, str]]:
        """(label, id) of the members and contacts edge lists name, by id and by email."""
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

    def candidates(self, rows: list[MappedRow], skip: Container[int] = ()
                   ) -> list[Candidate]:
        """The candidates of the rows' drafts, but those whose `id()` is in `skip`."""
        drafts = [d for row in rows for d in row.entities if id(d) not in skip]
        found = self._contacts(drafts)
        ext = {x for d in drafts if d.label != "Contact" for x in d.external_ids}
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

    def _contacts(self, drafts: list[Draft]) -> list[Candidate]:
        contacts = [d for d in drafts if d.label == "Contact"]
        found = self._contacts_by_email(contacts)
        known = {e for c in found for e in [c.props.get("email"), *(c.props.get("emails") or [])]}
        # Only drafts no primary email resolved need the other keys (in memory) and names.
        rest = [d for d in contacts if not any(e in known for e in d.props.get("emails") or [])]
        seen = {c.node_id for c in found}
        more = sorted(self.contact_keys.ids_for(rest) - seen) if rest else []
        self.asked = set(more)
        if more:
            found += self._read("imports/find_contacts_by_id", "Contact", {"ids": more})
        return found

    def _contacts_by_email(self, drafts: list[Draft]) -> list[Candidate]:
        emails = {e for d in drafts for e in d.props.get("emails") or []}
        if not emails:
            return []
        # A mailbox's participants only need their candidates' keys and names: a fifth of
        # the client's parsing of whole nodes, the largest part of reading them.
        narrow = all(_participant(d) for d in drafts)
        found: dict[str, Candidate] = {}
        missing = []
        for email in sorted(emails):
            cached = self._by_email.get(email)
            if cached is None or cached.node_id in self.changed or \
                    (cached.partial and not narrow):
                missing.append(email)
            elif cached.node_id not in found:
                found[cached.node_id] = cached.candidate()
        if missing:
            params: dict[str, Any] = {"emails": missing}
            for cand in (self._read_participants(params) if narrow else
                         self._read("imports/find_contacts_by_email", "Contact", params)):
                found[cand.node_id] = cand
                packed = _Packed.of(cand)
                for e in [cand.props.get("email"), *(cand.props.get("emails") or [])]:
                    if e:
                        self._by_email[str(e)] = packed
        return list(found.values())

    def _read(self, query: str, label: str, params: dict[str, Any]) -> list[Candidate]:
        return [Candidate(str(rec["id"]), label, jsonable(canonical_props(rec["props"])),
                          list(rec.get("companies") or []))
                for rec in self.store.read(query, params)]

    def _read_participants(self, params: dict[str, Any]) -> list[Candidate]:
        return [Candidate(str(rec["id"]), "Contact",
                          {"id": rec["id"], **{k: rec[k] for k in _PARTICIPANT_READ
                                               if rec.get(k) is not None}},
                          list(rec.get("companies") or []), partial=True)
                for rec in self.store.read("imports/find_contact_keys_by_email", params)]

    def complete(self, nodes: list[PlannedNode]) -> None:
        """Read in full the nodes read partially that the plan changes: their change log
        keeps every property as it was."""
        if not nodes:
            return
        full = {c.node_id: c.props for c in self._read(
            "imports/find_contacts_by_id", "Contact", {"ids": sorted(n.node_id for n in nodes)})}
        for node in nodes:
            if node.node_id not in full:
                raise StalePlan(f"contact {node.node_id} was deleted while the batch was "
                                "resolved")
            node.before = full[node.node_id]

    def edge_befores(self, plan: Plan) -> None:
        """The current properties of the relationships the plan touches between nodes that
        exist already (None: the relationship is new)."""
        groups: dict[str, list[PlannedEdge]] = {}
        for edge in plan.edges.values():
            src, dst = plan.nodes.get(edge.src_id), plan.nodes.get(edge.dst_id)
            if (src is not None and src.action == "new") or \
                    (dst is not None and dst.action == "new"):
                continue
            groups.setdefault(edge_query_key(edge), []).append(edge)
        for key, edges in groups.items():
            found = {(r["src"], r["dst"]): r["props"] for r in self.store.read(
                f"imports/edge_props/{key}",
                {"rows": [{"src": e.src_id, "dst": e.dst_id} for e in edges]})}
            for edge in edges:
                props = found.get((edge.src_id, edge.dst_id))
                edge.before = jsonable(props) if props is not None else None

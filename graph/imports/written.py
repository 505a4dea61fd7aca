"""What the earlier chunks of a batch write, to tell whether a chunk's plan (made at stage,
before any of those writes) is what approve, which commits chunk by chunk and resolves
each chunk against the graph those commits left, would plan. A plan that touches anything
written earlier is `dependent` and not kept, with one exception worked out exactly: an
account or deal an earlier chunk created, met again by rows that add nothing to it (a
contacts export names the same companies in every chunk)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graph.imports.candidates import match_keys
from graph.imports.plan import LIST_UNION, Earlier, Plan, PlannedNode

_KEPT = frozenset({"Account", "Deal"})  # created nodes remembered (few, and no email rule)
Index = dict[tuple[str, str], str]


@dataclass(frozen=True, slots=True)
class Created:
    """An account or deal a chunk created: which properties it holds, its list values and
    the keys it is found by."""

    filled: frozenset[str]
    lists: dict[str, tuple[Any, ...]]
    keys: tuple[tuple[str, str], ...]


class Written:
    """Nodes are written by an earlier chunk when it created them (known from the
    resolver's record of earlier chunks' nodes, `earlier`: no second set of a mailbox's
    100,000s of interactions) or changed them (`updated`)."""

    def __init__(self, earlier: dict[str, Earlier]) -> None:
        self.earlier = earlier
        self.updated: set[str] = set()
        self.edges: set[int] = set()  # hashes of relationship keys (see note)
        self.created: dict[str, Created] = {}

    def node(self, node_id: str) -> bool:
        """Whether an earlier chunk writes this node (asked before the chunk's own nodes
        are recorded in `earlier`)."""
        if node_id in self.updated:
            return True
        found = self.earlier.get(node_id)
        return found is not None and found.action == "new"

    def note(self, plan: Plan) -> None:
        """Remember what a complete (frozen) plan writes."""
        new = set()
        for node in plan.nodes.values():
            if node.frozen and node.action == "update" and not node.carried:
                self.updated.add(node.node_id)
            if node.action == "new" and not node.carried:
                new.add(node.node_id)
                if node.label in _KEPT and node.frozen:
                    self.created[node.node_id] = _created(node, node.frozen)
        for key, edge in plan.edges.items():
            # One with an end this chunk creates can only be met again through that end.
            if (edge.frozen or edge.before is None) and edge.src_id not in new and \
                    edge.dst_id not in new:
                self.edges.add(hash(key))

    def touched_by(self, plan: Plan, ids: set[str], index: Index) -> bool:
        """Whether a plan that read, matched or judged the nodes `ids` (and those of its
        own) depends on what earlier chunks wrote."""
        if not self.earlier:
            return False
        seen = (ids | set(plan.nodes) | {d.candidate_id for d in plan.duplicates})
        hit = {i for i in seen if self.node(i)}
        if hit:
            if any(i not in self.created for i in hit):
                return True
            ends = _other_ends(hit, plan)
            if any(not self._harmless(i, plan, index, ends.get(i, [])) for i in hit):
                return True
        return any(hash(k) in self.edges for k in plan.edges)

    def _harmless(self, node_id: str, plan: Plan, index: Index, ends: list[str]) -> bool:
        """An earlier chunk's account or deal that approve, finding it in the graph, would
        leave as it is, and that changes nothing else this chunk resolves."""
        made = self.created[node_id]
        if any(index.get(k) != node_id for k in made.keys):
            return False
        node = plan.nodes.get(node_id)
        if node is None:
            return True
        # Its relationships only to nodes this chunk creates: approve reads no 'before'
        # for them either.
        return node.carried and _adds_nothing(node, made) and all(
            (other := plan.nodes.get(e)) is not None and other.action == "new"
            and not other.carried for e in ends)


def _created(node: PlannedNode, props: dict[str, Any]) -> Created:
    filled = frozenset(k for k, v in props.items() if v not in (None, "", []))
    lists = {k: tuple(v) for k, v in props.items() if k in LIST_UNION and isinstance(v, list)}
    return Created(filled, lists, tuple(match_keys(node.label, props,
                                                   list(props.get("external_ids") or []))))


def _adds_nothing(node: PlannedNode, made: Created) -> bool:
    """What approve would write for this node's rows, met as an update of a node an earlier
    chunk wrote (only what is still empty is filled, lists are merged): nothing."""
    incoming = dict(node.incoming)
    if node.external_ids:
        incoming["external_ids"] = node.external_ids
    for key, value in incoming.items():
        if value is None:
            continue
        if key in LIST_UNION and isinstance(value, list):
            if any(v not in made.lists.get(key, ()) for v in value):
                return False
        elif key not in made.filled:
            return False
    return True


def _other_ends(ids: set[str], plan: Plan) -> dict[str, list[str]]:
    """The other end of every relationship of the plan at one of `ids`."""
    ends: dict[str, list[str]] = {}
    for edge in plan.edges.values():
        if edge.src_id in ids:
            ends.setdefault(edge.src_id, []).append(edge.dst_id)
        if edge.dst_id in ids:
            ends.setdefault(edge.dst_id, []).append(edge.src_id)
    return ends

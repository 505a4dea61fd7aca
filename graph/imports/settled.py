"""Mail participants a batch has already seen leave an existing contact as it is.

A mailbox names the same people in message after message, and a participant's draft is
weak evidence: a display name and an address (`participant_key`), which fill only what a
contact lacks. Within a chunk, a repeat of the same draft resolves once (the resolver's
own cache). Across chunks, a draft that matched an existing contact and changed nothing
there would do the same in every later chunk, as long as nothing else the batch plans
changes that contact: the graph does not change while a file is staged (approve reuses the
plans only when nothing wrote to it meanwhile). Such a draft is resolved straight to the
contact (`SettledParticipants`), without reading the contact again, indexing its keys
and planning it as a node that writes nothing.

In the import benchmark (300,000 messages among 100,000 people, 10,000 messages a chunk)
each person is named in three or four chunks: all but the first are settled, and the
mailbox's stage took 34-36 s instead of 41-44 s.
"""

from __future__ import annotations

import orjson

from graph.imports.models import Draft, MappedRow
from graph.imports.plan import Plan, PlannedNode


def participant_key(draft: Draft) -> str | None:
    """The identity of a mail participant's draft (weak evidence: name and address only),
    as text: its label and its props as JSON with sorted keys (a third of the time and
    half the memory of a tuple of its items). A draft that has keys of its own to merge
    (external ids, a company) is not one."""
    if not draft.fill_only or draft.external_ids or draft.company is not None or \
            not draft.props.get("email"):
        return None
    try:
        text = orjson.dumps(draft.props, option=orjson.OPT_SORT_KEYS)
    except orjson.JSONEncodeError:  # a value JSON cannot hold: resolved the usual way
        return None
    return f"{draft.label}\n{text.decode()}"


class SettledParticipants:
    """Participant keys known to resolve to an existing contact they leave as it is, and,
    for the chunk being resolved, which of its drafts are such (by `id()`: a chunk's drafts
    live as long as it does)."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self._contacts: dict[str, str] = {}
        self.keys: dict[int, str] = {}  # the chunk's participant drafts
        self.found: dict[int, str] = {}  # the chunk's settled drafts -> contact id
        self.rows: dict[str, list[int]] = {}  # contact id -> the chunk's rows naming it

    def start(self, rows: list[MappedRow], changed: set[str]) -> None:
        """Key a chunk's drafts; find those settled, to contacts not `changed` since."""
        self.keys, self.found, self.rows = {}, {}, {}
        for row in rows:
            for draft in row.entities:
                key = participant_key(draft)
                if key is None:
                    continue
                self.keys[id(draft)] = key
                contact = self._contacts.get(key) if self.enabled else None
                if contact is not None and contact not in changed:
                    self.found[id(draft)] = contact

    def unsettle(self, contacts: set[str]) -> None:
        """Resolve the usual way, this chunk, the drafts settled to these contacts: a
        candidate read for other drafts has them, so the chunk may plan them as nodes."""
        if contacts:
            self.found = {d: c for d, c in self.found.items() if c not in contacts}

    def meet(self, draft: Draft, row: int, plan: Plan) -> str | None:
        """The contact a settled draft resolves to (None: not settled). Counted as an
        in-file duplicate once per row, as a planned repeat would be."""
        contact = self.found.get(id(draft))
        if contact is not None:
            rows = self.rows.setdefault(contact, [])
            if not rows or rows[-1] != row:
                rows.append(row)
                plan.count_duplicate("Contact")
        return contact

    def add_rows(self, plan: Plan) -> None:
        """Should another draft of the chunk have planned a settled contact all the same
        (a candidate read misses it only when no draft names its keys), its node keeps
        every row that named it."""
        for contact, rows in self.rows.items():
            node = plan.nodes.get(contact)
            if node is not None:
                node.rows = sorted({*node.rows, *rows})

    def settle(self, resolved: dict[str, PlannedNode],
               changed: set[str]) -> None:
        """Remember the participant keys of the chunk that resolved to an existing contact
        and change nothing (`resolved`: key -> its node, complete)."""
        if not self.enabled:
            return
        for key, node in resolved.items():
            if node.action == "update" and not node.carried and not node.merged and \
                    node.frozen == {} and node.node_id not in changed:
                self._contacts[key] = node.node_id

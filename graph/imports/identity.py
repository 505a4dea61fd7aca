"""The identity keys of every Contact in the graph (secondary emails, LinkedIn URL, external
ids, folded name), read once per import batch and kept in memory: those keys have no index
an engine can use with a list of values, and scanning all contacts with IN-lists for every
chunk of a large file costs contacts x keys. The keys are small (a few per contact)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from graph.imports import normalize as norm
from graph.imports.models import Draft
from graph.store import GraphStore


class ContactKeys:
    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self._ids: dict[tuple[str, str], set[str]] | None = None

    def ids_for(self, drafts: Iterable[Draft]) -> set[str]:
        """Ids of the contacts sharing an email, URL, external id or folded name with one
        of `drafts`."""
        index = self._loaded()
        found: set[str] = set()
        for draft in drafts:
            for key in draft_keys(draft):
                found |= index.get(key, set())
        return found

    def _loaded(self) -> dict[tuple[str, str], set[str]]:
        if self._ids is None:
            self._ids = {}
            for rec in self.store.read("imports/contact_keys"):
                self.add(str(rec["id"]), rec)
        return self._ids

    def add(self, node_id: str, props: dict[str, Any]) -> None:
        """Index a contact's keys (also a contact an earlier chunk of the batch wrote)."""
        if self._ids is None:
            return  # not loaded yet: the first load reads it from the graph
        for key in contact_keys(props.get("emails"), props.get("url") or
                                props.get("linkedin_url"), props.get("ext") or
                                props.get("external_ids"), props.get("name")):
            self._ids.setdefault(key, set()).add(node_id)


def contact_keys(emails: Any, url: Any, ext: Any, name: Any) -> list[tuple[str, str]]:
    keys = [("email", str(e)) for e in emails or [] if e]
    link = norm.linkedin_url(str(url)) if url else None
    if link:
        keys.append(("url", link))
    keys += [("ext", str(x)) for x in ext or [] if x]
    folded = norm.name_key(str(name)) if name else None
    if folded:
        keys.append(("name", folded))
    return keys


def draft_keys(draft: Draft) -> list[tuple[str, str]]:
    return contact_keys(draft.props.get("emails"), draft.props.get("linkedin_url"),
                        draft.external_ids, draft.props.get("name"))

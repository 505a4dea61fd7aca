"""Schema validation of a generated query: labels, relationship types, directions, and the
properties read through pattern variables must all exist in the schema."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from intel.cypher_guard.errors import GuardRejected
from intel.cypher_guard.schema import Schema

_NODE = re.compile(r"\(\s*(?P<var>[A-Za-z_]\w*)?\s*(?P<labels>(?::\s*`?\w+`?\s*)+)?"
                   r"\s*(?P<props>\{[^{}]*\})?\s*\)")
_REL = re.compile(r"^(?P<left><)?-(?:\[\s*(?P<var>[A-Za-z_]\w*)?\s*"
                  r"(?::\s*(?P<types>`?\w+`?(?:\s*\|\s*:?\s*`?\w+`?)*))?\s*(?P<hops>\*[\d.\s]*)?"
                  r"\s*(?P<props>\{[^{}]*\})?\s*\])?-(?P<right>>)?$")
_ACCESS = re.compile(r"(?<![\w.$])([A-Za-z_]\w*)\.([A-Za-z_]\w*)\b")
_MAP_KEY = re.compile(r"[{,]\s*`?([A-Za-z_]\w*)`?\s*:")


@dataclass(frozen=True)
class _Node:
    var: str | None
    labels: tuple[str, ...]
    props: tuple[str, ...]
    start: int
    end: int


def _names(text: str | None) -> tuple[str, ...]:
    if not text:
        return ()
    return tuple(p.strip(" `:") for p in re.split(r"[:|]", text) if p.strip(" `:"))


def _nodes(text: str) -> list[_Node]:
    return [_Node(m.group("var"), _names(m.group("labels")),
                  tuple(_MAP_KEY.findall(m.group("props") or "")), m.start(), m.end())
            for m in _NODE.finditer(text)]


def _unknown(kind: str, name: str, known: list[str]) -> GuardRejected:
    return GuardRejected("schema", f"unknown {kind} {name!r}; the schema has: "
                                   f"{', '.join(sorted(known))}")


class SchemaValidator:
    """`validate(text)` raises GuardRejected('schema') naming the first problem."""

    def __init__(self, schema: Schema) -> None:
        self.schema = schema

    def validate(self, text: str) -> None:
        variables: dict[str, str] = {}
        nodes = _nodes(text)
        for node in nodes:
            for label in node.labels:
                if label not in self.schema.nodes:
                    raise _unknown("label", label, list(self.schema.nodes))
                self._check_props(label, node.props)
                if node.var:
                    variables[node.var] = label
        for left, right in pairwise(nodes):
            found = _REL.match(text[left.end:right.start].strip())
            if found is not None:
                self._relationship(found, left, right, variables)
        for var, prop in _ACCESS.findall(text):
            if var in variables:
                self._check_props(variables[var], (prop,))

    def _relationship(self, found: re.Match[str], left: _Node, right: _Node,
                      variables: dict[str, str]) -> None:
        types = _names(found.group("types"))
        for rel_type in types:
            if rel_type not in self.schema.edges:
                raise _unknown("relationship type", rel_type, list(self.schema.edges))
            self._check_props(rel_type, tuple(_MAP_KEY.findall(found.group("props") or "")))
            if found.group("var"):
                variables[found.group("var")] = rel_type
        a = left.labels[0] if left.labels else variables.get(left.var or "")
        b = right.labels[0] if right.labels else variables.get(right.var or "")
        if found.group("hops") or not types or a is None or b is None:
            return
        if found.group("left") and not found.group("right"):
            a, b = b, a
        directed = bool(found.group("left")) != bool(found.group("right"))
        for rel_type in types:
            ends = self.schema.endpoints.get(rel_type, set())
            if (a, b) in ends or (not directed and (b, a) in ends):
                continue
            allowed = ", ".join(f"({s})-[:{rel_type}]->({t})" for s, t in sorted(ends))
            raise GuardRejected("schema", f"direction or endpoints wrong: ({a})-[:{rel_type}]->"
                                          f"({b}) is not in the schema; allowed: {allowed}")

    def _check_props(self, owner: str, props: tuple[str, ...]) -> None:
        known = self.schema.props(owner)
        for prop in props:
            if prop not in known:
                raise _unknown(f"property of {owner}", prop, list(known))

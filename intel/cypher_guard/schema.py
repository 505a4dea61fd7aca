"""The graph schema generated Cypher is checked against: labels, relationship types with
their directions, and properties with types and a few sample values.

The canonical model (graph.model) gives the base; the live graph adds properties that
services write beside it (strength bands, trends) and sample values for the prompt.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graph.model import EDGE_BY_TYPE, NODE_BY_LABEL
from graph.store import GraphStore

_BASE = ("id", "created_at", "updated_at", "sources")


@dataclass
class Schema:
    nodes: dict[str, dict[str, str]] = field(default_factory=dict)
    edges: dict[str, dict[str, str]] = field(default_factory=dict)
    endpoints: dict[str, set[tuple[str, str]]] = field(default_factory=dict)
    samples: dict[str, list[str]] = field(default_factory=dict)

    def props(self, label_or_type: str) -> dict[str, str]:
        return self.nodes.get(label_or_type) or self.edges.get(label_or_type) or {}


def _type_name(annotation: Any) -> str:
    text = str(annotation) if getattr(annotation, "__args__", None) else getattr(
        annotation, "__name__", str(annotation))
    for noise in ("typing.", "datetime.", "graph.model.enums.", "graph.model.base."):
        text = text.replace(noise, "")
    return text.replace("NoneType", "null")


def model_schema() -> Schema:
    schema = Schema()
    for label, model in NODE_BY_LABEL.items():
        schema.nodes[label] = {name: _type_name(f.annotation)
                               for name, f in model.model_fields.items()}
        for name in _BASE:
            schema.nodes[label].setdefault(name, "str")
    for rel_type, edge in EDGE_BY_TYPE.items():
        schema.edges[rel_type] = {name: _type_name(f.annotation)
                                  for name, f in edge.model_fields.items()
                                  if name not in ("src", "dst")}
        schema.edges[rel_type].setdefault("sources", "list[str]")
        schema.endpoints[rel_type] = set(edge.ENDPOINTS)
    return schema


def live_schema(store: GraphStore) -> Schema:
    """The model's schema plus the properties and sample values found in the graph."""
    schema = model_schema()
    for label in schema.nodes:
        for row in store.read("ask/schema_node_keys", {"label": label, "limit": 200}):
            for key in row["keys"]:
                schema.nodes[label].setdefault(key, "any")
    for rel_type in schema.edges:
        for row in store.read("ask/schema_edge_keys", {"type": rel_type, "limit": 200}):
            for key in row["keys"]:
                schema.edges[rel_type].setdefault(key, "any")
    for row in store.read("ask/schema_samples"):
        schema.samples[row["key"]] = [str(v) for v in row["values"][:10] if v is not None]
    return schema

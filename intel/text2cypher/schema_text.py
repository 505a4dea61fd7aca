"""The live schema as prompt text, filtered to the labels a question is about."""

from __future__ import annotations

from intel.ask import vocab
from intel.ask.text import fold, words
from intel.cypher_guard.schema import Schema


def relevant_labels(question: str, schema: Schema) -> set[str]:
    said = set(words(fold(question)))
    labels = {kind for kind, nouns in vocab.TARGETS.items() if said.intersection(nouns)}
    labels |= {label for label in schema.nodes if label.lower() in said}
    return labels & set(schema.nodes) or set(schema.nodes) - {"StageChange"}


def schema_text(question: str, schema: Schema) -> str:
    """Labels with properties (type, samples), then relationship types with direction."""
    labels = relevant_labels(question, schema)
    # One hop out: a relationship is shown when one end is relevant, and its other end too.
    rels = {t: ends for t, ends in schema.endpoints.items()
            if any(a in labels or b in labels for a, b in ends)}
    labels |= {x for ends in rels.values() for pair in ends for x in pair}
    lines = ["Nodes:"]
    for label in sorted(labels):
        props = []
        for name, kind in sorted(schema.nodes[label].items()):
            samples = schema.samples.get(f"{label}.{name}")
            shown = f" e.g. {', '.join(samples[:8])}" if samples else ""
            props.append(f"{name}: {kind}{shown}")
        lines.append(f"(:{label}) {{{'; '.join(props)}}}")
    lines.append("Relationships:")
    for rel_type in sorted(rels):
        fields = ", ".join(f"{n}: {k}" for n, k in sorted(schema.edges[rel_type].items())
                           if n != "sources")
        for a, b in sorted(rels[rel_type]):
            lines.append(f"(:{a})-[:{rel_type} {{{fields}}}]->(:{b})")
    return "\n".join(lines)

"""An in-memory view of part of the knows-graph: what the path search runs on.

The view holds weighted, undirected KNOWS edges (weight = strength / 100) and the few node
facts the rules need. It is filled from the engine one bounded neighbourhood at a time
(intel.intros.pull), or built directly in tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class NodeFacts:
    label: str
    do_not_contact: bool = False
    introducer_opt_out: bool = False


@dataclass
class GraphView:
    adjacency: dict[str, dict[str, float]] = field(default_factory=dict)
    facts: dict[str, NodeFacts] = field(default_factory=dict)

    def add_node(self, node: str, facts: NodeFacts) -> None:
        self.facts.setdefault(node, facts)
        self.adjacency.setdefault(node, {})

    def add_edge(self, a: str, b: str, weight: float) -> None:
        if not 0.0 <= weight <= 1.0:
            raise ValueError(f"edge {a}-{b}: weight {weight} outside [0, 1]")
        self.adjacency.setdefault(a, {})[b] = weight
        self.adjacency.setdefault(b, {})[a] = weight

    def neighbours(self, node: str) -> dict[str, float]:
        return self.adjacency.get(node, {})

    def weight(self, a: str, b: str) -> float:
        return self.adjacency[a][b]

    def blocked(self, node: str) -> bool:
        """May not appear inside a path: do-not-contact people, opted-out introducers."""
        facts = self.facts.get(node)
        return facts is not None and (facts.do_not_contact or facts.introducer_opt_out)

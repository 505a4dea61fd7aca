"""GraphRAG: answers to open questions from an entity's graph neighbourhood and its evidence,
with citations. Offline the answer is extractive (the top facts, ranked)."""

from intel.graphrag.models import Fact
from intel.graphrag.service import GraphRAG

__all__ = ["Fact", "GraphRAG"]

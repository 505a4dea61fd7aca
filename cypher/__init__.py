"""Every Cypher statement Rapport runs, one named `.cypher` file each (see graph.catalog)."""

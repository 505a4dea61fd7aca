// mode: write
// Create KNOWS Member -> Contact for pairs that interactions show but no edge joins yet.
// example: {"rows": [{"a": "missing-a", "b": "missing-b", "source": "interaction:int_1"}]}
UNWIND $rows AS row
MATCH (a:Member {id: row.a})
MATCH (b:Contact {id: row.b})
MERGE (a)-[k:KNOWS]->(b)
ON CREATE SET k.origins = ['INTERACTION'], k.sources = [row.source], k.interaction_count = 0
RETURN count(k) AS created

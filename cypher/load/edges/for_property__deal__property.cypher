// mode: write
// Upsert FOR_PROPERTY relationships Deal -> Property; rows whose endpoints are missing are not loaded.
// example: {"rows": [{"src": "missing-a", "dst": "missing-b", "props": {}}]}
UNWIND $rows AS row
MATCH (a:Deal {id: row.src})
MATCH (b:Property {id: row.dst})
MERGE (a)-[r:FOR_PROPERTY]->(b)
SET r += row.props
RETURN count(r) AS loaded

// mode: write
// Upsert SUBSIDIARY_OF relationships Account -> Account; rows whose endpoints are missing are not loaded.
// example: {"rows": [{"src": "missing-a", "dst": "missing-b", "props": {}}]}
UNWIND $rows AS row
MATCH (a:Account {id: row.src})
MATCH (b:Account {id: row.dst})
MERGE (a)-[r:SUBSIDIARY_OF]->(b)
SET r += row.props
RETURN count(r) AS loaded

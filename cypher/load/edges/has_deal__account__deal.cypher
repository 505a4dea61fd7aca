// mode: write
// Upsert HAS_DEAL relationships Account -> Deal; rows whose endpoints are missing are not loaded.
// example: {"rows": [{"src": "missing-a", "dst": "missing-b", "props": {}}]}
UNWIND $rows AS row
MATCH (a:Account {id: row.src})
MATCH (b:Deal {id: row.dst})
MERGE (a)-[r:HAS_DEAL]->(b)
SET r += row.props
RETURN count(r) AS loaded

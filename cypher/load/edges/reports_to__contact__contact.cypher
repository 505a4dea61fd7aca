// mode: write
// Upsert REPORTS_TO relationships Contact -> Contact; rows whose endpoints are missing are not loaded.
// example: {"rows": [{"src": "missing-a", "dst": "missing-b", "props": {}}]}
UNWIND $rows AS row
MATCH (a:Contact {id: row.src})
MATCH (b:Contact {id: row.dst})
MERGE (a)-[r:REPORTS_TO]->(b)
SET r += row.props
RETURN count(r) AS loaded

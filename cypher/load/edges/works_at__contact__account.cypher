// mode: write
// Upsert WORKS_AT relationships Contact -> Account; rows whose endpoints are missing are not loaded.
// example: {"rows": [{"src": "missing-a", "dst": "missing-b", "props": {}}]}
UNWIND $rows AS row
MATCH (a:Contact {id: row.src})
MATCH (b:Account {id: row.dst})
MERGE (a)-[r:WORKS_AT]->(b)
SET r += row.props,
    r.start = date(row.start),
    r.end = date(row.end)
RETURN count(r) AS loaded

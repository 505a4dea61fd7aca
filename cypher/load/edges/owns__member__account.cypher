// mode: write
// Upsert OWNS relationships Member -> Account; rows whose endpoints are missing are not loaded.
// example: {"rows": [{"src": "missing-a", "dst": "missing-b", "props": {}}]}
UNWIND $rows AS row
MATCH (a:Member {id: row.src})
MATCH (b:Account {id: row.dst})
MERGE (a)-[r:OWNS]->(b)
SET r += row.props,
    r.since = date(row.since)
RETURN count(r) AS loaded

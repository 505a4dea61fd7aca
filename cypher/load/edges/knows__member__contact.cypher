// mode: write
// Upsert KNOWS relationships Member -> Contact; rows whose endpoints are missing are not loaded.
// example: {"rows": [{"src": "missing-a", "dst": "missing-b", "props": {}}]}
UNWIND $rows AS row
MATCH (a:Member {id: row.src})
MATCH (b:Contact {id: row.dst})
MERGE (a)-[r:KNOWS]->(b)
SET r += row.props,
    r.first_seen = localdatetime(row.first_seen),
    r.last_seen = localdatetime(row.last_seen)
RETURN count(r) AS loaded

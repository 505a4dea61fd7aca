// mode: write
// Create the new KNOWS relationships Contact -> Contact an import adds to a node it creates:
// no existing relationship to look for, which a MERGE would.
// example: {"rows": [{"src": "missing-a", "dst": "missing-b", "props": {}}]}
UNWIND $rows AS row
MATCH (a:Contact {id: row.src})
MATCH (b:Contact {id: row.dst})
CREATE (a)-[r:KNOWS]->(b)
SET r += row.props,
    r.first_seen = CASE WHEN row.first_seen IS NULL THEN r.first_seen ELSE localdatetime(row.first_seen) END,
    r.last_seen = CASE WHEN row.last_seen IS NULL THEN r.last_seen ELSE localdatetime(row.last_seen) END
RETURN count(r) AS loaded

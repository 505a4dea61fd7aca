// mode: write
// Create the new WORKS_AT relationships Contact -> Account an import adds to a node it creates:
// no existing relationship to look for, which a MERGE would.
// example: {"rows": [{"src": "missing-a", "dst": "missing-b", "props": {}}]}
UNWIND $rows AS row
MATCH (a:Contact {id: row.src})
MATCH (b:Account {id: row.dst})
CREATE (a)-[r:WORKS_AT]->(b)
SET r += row.props,
    r.start = CASE WHEN row.start IS NULL THEN r.start ELSE date(row.start) END,
    r.end = CASE WHEN row.end IS NULL THEN r.end ELSE date(row.end) END
RETURN count(r) AS loaded

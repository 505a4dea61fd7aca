// mode: write
// Create or update WORKS_AT relationships Contact -> Account from an import (field level).
// example: {"rows": [{"src": "missing-a", "dst": "missing-b", "props": {}}]}
UNWIND $rows AS row
MATCH (a:Contact {id: row.src})
MATCH (b:Account {id: row.dst})
MERGE (a)-[r:WORKS_AT]->(b)
SET r += row.props,
    r.start = CASE WHEN row.start IS NULL THEN r.start ELSE date(row.start) END,
    r.end = CASE WHEN row.end IS NULL THEN r.end ELSE date(row.end) END
RETURN count(r) AS loaded

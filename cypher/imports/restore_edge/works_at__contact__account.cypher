// mode: write
// Undo of an import: put back the properties a WORKS_AT Contact -> Account had before the batch.
// example: {"rows": [{"src": "missing-a", "dst": "missing-b", "props": {}}]}
UNWIND $rows AS row
MATCH (a:Contact {id: row.src})
WITH a, row
MATCH (b:Account {id: row.dst})
WITH a, b, row
MATCH (a)-[r:WORKS_AT]->(b)
SET r = row.props
SET r.start = date(row.start),
    r.end = date(row.end)
RETURN count(r) AS restored

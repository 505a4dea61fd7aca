// mode: write
// Undo of an import: delete the KNOWS Member -> Member relationships the batch created.
// example: {"rows": [{"src": "missing-a", "dst": "missing-b"}]}
UNWIND $rows AS row
MATCH (a:Member {id: row.src})
WITH a, row
MATCH (b:Member {id: row.dst})
WITH a, b, row
MATCH (a)-[r:KNOWS]->(b)
DELETE r
RETURN count(*) AS deleted

// mode: write
// Undo of an import: delete the KNOWS Contact -> Contact relationships the batch created.
// example: {"rows": [{"src": "missing-a", "dst": "missing-b"}]}
UNWIND $rows AS row
MATCH (a:Contact {id: row.src})
WITH a, row
MATCH (b:Contact {id: row.dst})
WITH a, b, row
MATCH (a)-[r:KNOWS]->(b)
DELETE r
RETURN count(*) AS deleted

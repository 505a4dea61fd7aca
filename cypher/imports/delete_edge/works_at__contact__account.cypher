// mode: write
// Undo of an import: delete the WORKS_AT Contact -> Account relationships the batch created.
// example: {"rows": [{"src": "missing-a", "dst": "missing-b"}]}
UNWIND $rows AS row
MATCH (a:Contact {id: row.src})
WITH a, row
MATCH (b:Account {id: row.dst})
WITH a, b, row
MATCH (a)-[r:WORKS_AT]->(b)
DELETE r
RETURN count(*) AS deleted

// mode: write
// Undo of an import: delete the HAS_DEAL Account -> Deal relationships the batch created.
// example: {"rows": [{"src": "missing-a", "dst": "missing-b"}]}
UNWIND $rows AS row
MATCH (a:Account {id: row.src})
WITH a, row
MATCH (b:Deal {id: row.dst})
WITH a, b, row
MATCH (a)-[r:HAS_DEAL]->(b)
DELETE r
RETURN count(*) AS deleted

// mode: write
// Undo of an import: delete the PARTICIPATED_IN Member -> Interaction relationships the batch created.
// example: {"rows": [{"src": "missing-a", "dst": "missing-b"}]}
UNWIND $rows AS row
MATCH (a:Member {id: row.src})
WITH a, row
MATCH (b:Interaction {id: row.dst})
WITH a, b, row
MATCH (a)-[r:PARTICIPATED_IN]->(b)
DELETE r
RETURN count(*) AS deleted

// mode: write
// Undo of an import: delete the STAKEHOLDER_IN Contact -> Deal relationships the batch created.
// example: {"rows": [{"src": "missing-a", "dst": "missing-b"}]}
UNWIND $rows AS row
MATCH (a:Contact {id: row.src})
WITH a, row
MATCH (b:Deal {id: row.dst})
WITH a, b, row
MATCH (a)-[r:STAKEHOLDER_IN]->(b)
DELETE r
RETURN count(*) AS deleted

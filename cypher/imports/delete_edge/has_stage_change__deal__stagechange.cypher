// mode: write
// Undo of an import: delete the HAS_STAGE_CHANGE Deal -> StageChange relationships the batch created.
// example: {"rows": [{"src": "missing-a", "dst": "missing-b"}]}
UNWIND $rows AS row
MATCH (a:Deal {id: row.src})
WITH a, row
MATCH (b:StageChange {id: row.dst})
WITH a, b, row
MATCH (a)-[r:HAS_STAGE_CHANGE]->(b)
DELETE r
RETURN count(*) AS deleted

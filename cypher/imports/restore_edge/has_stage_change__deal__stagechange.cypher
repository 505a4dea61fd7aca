// mode: write
// Undo of an import: put back the properties a HAS_STAGE_CHANGE Deal -> StageChange had before the batch.
// example: {"rows": [{"src": "missing-a", "dst": "missing-b", "props": {}}]}
UNWIND $rows AS row
MATCH (a:Deal {id: row.src})
WITH a, row
MATCH (b:StageChange {id: row.dst})
WITH a, b, row
MATCH (a)-[r:HAS_STAGE_CHANGE]->(b)
SET r = row.props
RETURN count(r) AS restored

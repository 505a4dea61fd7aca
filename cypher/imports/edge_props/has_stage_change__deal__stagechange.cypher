// mode: read
// Current properties of HAS_STAGE_CHANGE Deal -> StageChange relationships, for field-level updates and undo.
// example: {"rows": [{"src": "missing-a", "dst": "missing-b"}]}
UNWIND $rows AS row
MATCH (a:Deal {id: row.src})
WITH a, row
MATCH (b:StageChange {id: row.dst})
WITH a, b, row
MATCH (a)-[r:HAS_STAGE_CHANGE]->(b)
RETURN a.id AS src, b.id AS dst, properties(r) AS props

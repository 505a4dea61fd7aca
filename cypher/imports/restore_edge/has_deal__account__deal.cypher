// mode: write
// Undo of an import: put back the properties a HAS_DEAL Account -> Deal had before the batch.
// example: {"rows": [{"src": "missing-a", "dst": "missing-b", "props": {}}]}
UNWIND $rows AS row
MATCH (a:Account {id: row.src})
WITH a, row
MATCH (b:Deal {id: row.dst})
WITH a, b, row
MATCH (a)-[r:HAS_DEAL]->(b)
SET r = row.props
RETURN count(r) AS restored

// mode: write
// Undo of an import: put back the properties a PARTICIPATED_IN Contact -> Interaction had before the batch.
// example: {"rows": [{"src": "missing-a", "dst": "missing-b", "props": {}}]}
UNWIND $rows AS row
MATCH (a:Contact {id: row.src})
WITH a, row
MATCH (b:Interaction {id: row.dst})
WITH a, b, row
MATCH (a)-[r:PARTICIPATED_IN]->(b)
SET r = row.props
RETURN count(r) AS restored

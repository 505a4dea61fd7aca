// mode: read
// Current properties of PARTICIPATED_IN Contact -> Interaction relationships, for field-level updates and undo.
// example: {"rows": [{"src": "missing-a", "dst": "missing-b"}]}
UNWIND $rows AS row
MATCH (a:Contact {id: row.src})
WITH a, row
MATCH (b:Interaction {id: row.dst})
WITH a, b, row
MATCH (a)-[r:PARTICIPATED_IN]->(b)
RETURN a.id AS src, b.id AS dst, properties(r) AS props

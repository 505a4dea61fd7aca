// mode: read
// Current properties of HAS_DEAL Account -> Deal relationships, for field-level updates and undo.
// example: {"rows": [{"src": "missing-a", "dst": "missing-b"}]}
UNWIND $rows AS row
MATCH (a:Account {id: row.src})
WITH a, row
MATCH (b:Deal {id: row.dst})
WITH a, b, row
MATCH (a)-[r:HAS_DEAL]->(b)
RETURN a.id AS src, b.id AS dst, properties(r) AS props

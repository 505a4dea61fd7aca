// mode: read
// Current properties of KNOWS Member -> Contact relationships, for field-level updates and undo.
// example: {"rows": [{"src": "missing-a", "dst": "missing-b"}]}
UNWIND $rows AS row
MATCH (a:Member {id: row.src})
WITH a, row
MATCH (b:Contact {id: row.dst})
WITH a, b, row
MATCH (a)-[r:KNOWS]->(b)
RETURN a.id AS src, b.id AS dst, properties(r) AS props

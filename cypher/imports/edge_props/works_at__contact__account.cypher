// mode: read
// Current properties of WORKS_AT Contact -> Account relationships, for field-level updates and undo.
// example: {"rows": [{"src": "missing-a", "dst": "missing-b"}]}
UNWIND $rows AS row
MATCH (a:Contact {id: row.src})
WITH a, row
MATCH (b:Account {id: row.dst})
WITH a, b, row
MATCH (a)-[r:WORKS_AT]->(b)
RETURN a.id AS src, b.id AS dst, properties(r) AS props

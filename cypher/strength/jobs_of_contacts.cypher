// mode: read
// Employment periods of the given contacts.
// example: {"ids": ["ct_000001"]}
UNWIND $ids AS pid
MATCH (c:Contact {id: pid})-[w:WORKS_AT]->(a:Account)
RETURN c.id AS person, a.id AS account, w.current AS current, w.start AS start, w.end AS end

// mode: read
// The management chain above the given contacts (up to 12 levels), with the distance.
// example: {"ids": ["ct_000001"]}
UNWIND $ids AS pid
MATCH p = (c:Contact {id: pid})-[:REPORTS_TO*1..12]->(m:Contact)
RETURN c.id AS person, m.id AS manager, length(p) AS hops

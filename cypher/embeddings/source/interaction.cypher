// mode: read
// A page of interactions (by id): their text, kind, time, the people in them and the
// accounts those people work at (the nodes a chunk mentions). The accounts come from an
// OPTIONAL MATCH: a nested pattern comprehension is ~100x slower on FalkorDB.
// example: {"after": "", "limit": 10}
MATCH (n:Interaction)
WHERE n.id > $after
WITH n ORDER BY n.id LIMIT $limit
OPTIONAL MATCH (n)<-[:PARTICIPATED_IN]-(:Contact)-[:WORKS_AT]->(a:Account)
WITH n, collect(DISTINCT a.id) AS accounts
RETURN n.id AS id, n.kind AS kind, n.at AS at, n.subject AS subject, n.summary AS summary,
       [(n)<-[:PARTICIPATED_IN]-(p) | p.id] AS people, accounts
ORDER BY id

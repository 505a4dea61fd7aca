// mode: read
// An account's current people with the team's strongest tie to each (1-2 hops out).
// example: {"account": "acc_00001", "limit": 25}
MATCH (c:Contact)-[w:WORKS_AT {current: true}]->(a:Account {id: $account})
OPTIONAL MATCH (m:Member)-[k:KNOWS]-(c)
WITH c, w, m, k ORDER BY coalesce(k.strength, -1.0) DESC
WITH c, w, collect(m.name)[0] AS member, max(k.strength) AS strength
RETURN c.id AS id, c.name AS name, coalesce(w.title, c.title) AS title, c.seniority AS seniority,
       member, strength
ORDER BY coalesce(strength, -1.0) DESC, id
LIMIT $limit

// mode: read
// The team's strongest ties into an account's current people.
// example: {"account": "acc_00001", "limit": 10}
MATCH (m:Member)-[k:KNOWS]-(c:Contact)-[:WORKS_AT {current: true}]->(a:Account {id: $account})
RETURN m.id AS member_id, m.name AS member, c.id AS id, c.name AS name, c.title AS title,
       k.strength AS strength
ORDER BY coalesce(k.strength, -1.0) DESC, member_id, id
LIMIT $limit

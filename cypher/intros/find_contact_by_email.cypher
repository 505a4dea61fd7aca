// mode: read
// Contacts whose email is exactly what the user typed (an index lookup).
// example: {"q": "x", "limit": 5}
MATCH (c:Contact)
WHERE c.email = toLower($q)
OPTIONAL MATCH (c)-[:WORKS_AT {current: true}]->(a:Account)
RETURN c.id AS id, c.name AS name, c.title AS title, collect(a.name)[0] AS company
ORDER BY id
LIMIT $limit

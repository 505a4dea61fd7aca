// mode: read
// Contacts matching what a user typed: an id, an email or a full name (case-insensitive).
// example: {"q": "ana silva", "limit": 5}
MATCH (c:Contact)
WHERE c.id = $q OR c.email = toLower($q) OR toLower(c.name) = toLower($q)
OPTIONAL MATCH (c)-[:WORKS_AT {current: true}]->(a:Account)
RETURN c.id AS id, c.name AS name, c.title AS title, collect(a.name)[0] AS company
ORDER BY id
LIMIT $limit

// mode: read
// Contacts whose full name matches ignoring case (a scan: the last resort of a lookup).
// example: {"q": "ana silva", "limit": 5}
MATCH (c:Contact)
WHERE toLower(c.name) = toLower($q)
OPTIONAL MATCH (c)-[:WORKS_AT {current: true}]->(a:Account)
RETURN c.id AS id, c.name AS name, c.title AS title, collect(a.name)[0] AS company
ORDER BY id
LIMIT $limit

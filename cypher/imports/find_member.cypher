// mode: read
// The member an import is made as (--as): by id, email or name (case-insensitive).
// example: {"q": "ana@example.com"}
MATCH (m:Member)
WHERE m.id = $q OR m.email = toLower($q) OR toLower(m.name) = toLower($q)
RETURN m.id AS id, m.name AS name, m.email AS email
ORDER BY id
LIMIT 2

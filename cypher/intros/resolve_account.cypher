// mode: read
// Accounts matching an id, a domain or a name (case-insensitive).
// example: {"q": "globex.com", "limit": 5}
MATCH (a:Account)
WHERE a.id = $q OR a.domain = toLower($q) OR toLower(a.name) = toLower($q)
RETURN a.id AS id, a.name AS name, a.domain AS domain
ORDER BY id
LIMIT $limit

// mode: read
// Accounts whose domain is exactly what the user typed (an index lookup).
// example: {"q": "x", "limit": 5}
MATCH (a:Account)
WHERE a.domain = toLower($q)
RETURN a.id AS id, a.name AS name, a.domain AS domain
ORDER BY id
LIMIT $limit

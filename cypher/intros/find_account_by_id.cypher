// mode: read
// Accounts whose id is exactly what the user typed (an index lookup).
// example: {"q": "x", "limit": 5}
MATCH (a:Account)
WHERE a.id = $q
RETURN a.id AS id, a.name AS name, a.domain AS domain
ORDER BY id
LIMIT $limit

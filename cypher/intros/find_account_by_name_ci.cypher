// mode: read
// Accounts whose name matches ignoring case (a scan: the last resort of a lookup).
// example: {"q": "globex", "limit": 5}
MATCH (a:Account)
WHERE toLower(a.name) = toLower($q)
RETURN a.id AS id, a.name AS name, a.domain AS domain
ORDER BY id
LIMIT $limit

// mode: read
// Members whose name is exactly what the user typed (an index lookup).
// example: {"q": "x", "limit": 5}
MATCH (m:Member)
WHERE m.name = $q
RETURN m.id AS id, m.name AS name, m.email AS email, coalesce(m.introducer_opt_out, false) AS opt_out
ORDER BY id
LIMIT $limit

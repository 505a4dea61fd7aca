// mode: read
// Members whose name matches ignoring case.
// example: {"q": "maya costa", "limit": 5}
MATCH (m:Member)
WHERE toLower(m.name) = toLower($q)
RETURN m.id AS id, m.name AS name, m.email AS email,
       coalesce(m.introducer_opt_out, false) AS opt_out
ORDER BY id
LIMIT $limit

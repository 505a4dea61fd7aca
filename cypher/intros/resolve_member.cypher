// mode: read
// Team members matching an id, an email or a name (case-insensitive).
// example: {"q": "maya@rapport.dev", "limit": 5}
MATCH (m:Member)
WHERE m.id = $q OR m.email = toLower($q) OR toLower(m.name) = toLower($q)
RETURN m.id AS id, m.name AS name, m.email AS email,
       coalesce(m.introducer_opt_out, false) AS opt_out
ORDER BY id
LIMIT $limit

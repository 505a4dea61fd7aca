// mode: read
// Team members, optionally of one business unit, with how many accounts and deals they own.
// example: {"business_unit": "residential", "limit": 50}
MATCH (m:Member)
WHERE $business_unit IS NULL OR toLower(m.business_unit) = $business_unit
OPTIONAL MATCH (m)-[:OWNS]->(a:Account)
WITH m, count(a) AS accounts
RETURN m.id AS id, m.name AS name, m.title AS title, m.business_unit AS business_unit,
       accounts
ORDER BY name, id
LIMIT $limit

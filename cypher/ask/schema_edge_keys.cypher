// mode: read
// Property keys on a sample of one relationship type (the live schema for generated Cypher).
// example: {"type": "KNOWS", "limit": 200}
MATCH ()-[r]->()
WHERE type(r) = $type
WITH r LIMIT $limit
UNWIND keys(r) AS key
RETURN DISTINCT [key] AS keys

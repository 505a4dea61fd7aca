// mode: read
// Property keys on a sample of one label's nodes (the live schema for generated Cypher).
// example: {"label": "Account", "limit": 200}
MATCH (n)
WHERE $label IN labels(n)
WITH n LIMIT $limit
UNWIND keys(n) AS key
RETURN DISTINCT [key] AS keys

// mode: read
// A page of contacts (by id) with the graph context their embedding text is built from.
// example: {"after": "", "limit": 10, "strong": 70}
MATCH (n:Contact)
WHERE n.id > $after
WITH n ORDER BY n.id LIMIT $limit
RETURN n.id AS id, n.name AS name, n.title AS title, n.department AS department,
       n.seniority AS seniority, n.city AS city, n.country AS country,
       [(n)-[w:WORKS_AT]->(a:Account) WHERE coalesce(w.current, true) |
        [a.name, a.industry]] AS employers,
       [(n)-[:REPORTS_TO]->(m:Contact) | m.name] AS reports_to,
       [(n)-[k:KNOWS]-(m:Member) WHERE k.strength >= $strong | m.name] AS known_by,
       n.embedding_hash AS embedding_hash, n.embedding_model AS embedding_model,
       n.updated_at AS updated_at, n.last_indexed AS last_indexed

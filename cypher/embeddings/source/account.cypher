// mode: read
// A page of accounts (by id) with the fields their embedding text is built from.
// example: {"after": "", "limit": 10, "strong": 70}
MATCH (n:Account)
WHERE n.id > $after
WITH n ORDER BY n.id LIMIT $limit
RETURN n.id AS id, n.name AS name, n.domain AS domain, n.industry AS industry,
       n.segment AS segment, n.employees AS employees, n.city AS city, n.country AS country,
       n.stage AS stage, n.tier AS tier,
       [(n)-[:SUBSIDIARY_OF]->(p:Account) | p.name] AS parent,
       n.embedding_hash AS embedding_hash, n.embedding_model AS embedding_model,
       n.updated_at AS updated_at, n.last_indexed AS last_indexed

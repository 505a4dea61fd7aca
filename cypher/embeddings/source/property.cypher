// mode: read
// A page of properties (by id) with the fields their embedding text is built from.
// example: {"after": "", "limit": 10, "strong": 70}
MATCH (n:Property)
WHERE n.id > $after
WITH n ORDER BY n.id LIMIT $limit
RETURN n.id AS id, n.title AS title, n.type AS type, n.city AS city, n.district AS district,
       n.country AS country, n.price AS price, n.currency AS currency, n.size_m2 AS size_m2,
       n.bedrooms AS bedrooms, n.status AS status, n.features AS features,
       n.description AS description,
       n.embedding_hash AS embedding_hash, n.embedding_model AS embedding_model,
       n.updated_at AS updated_at, n.last_indexed AS last_indexed

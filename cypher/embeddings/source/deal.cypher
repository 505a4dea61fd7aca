// mode: read
// A page of deals (by id) with their account and property, for their embedding text.
// example: {"after": "", "limit": 10, "strong": 70}
MATCH (n:Deal)
WHERE n.id > $after
WITH n ORDER BY n.id LIMIT $limit
RETURN n.id AS id, n.name AS name, n.stage AS stage, n.amount AS amount,
       n.currency AS currency, n.next_step AS next_step,
       [(n)<-[:HAS_DEAL]-(a:Account) | a.name] AS account,
       [(n)-[:FOR_PROPERTY]->(p:Property) | p.title] AS property,
       n.embedding_hash AS embedding_hash, n.embedding_model AS embedding_model,
       n.updated_at AS updated_at, n.last_indexed AS last_indexed

// mode: read
// One property with its vector: the start of "who would want this one".
// example: {"id": "prop_1"}
MATCH (n:Property {id: $id})
RETURN n.id AS id, n.title AS title, n.type AS type, n.city AS city, n.price AS price,
       n.status AS status, n.embedding AS embedding

// mode: read
// Relationships arriving at a contact: type, the other end and the properties, for a merge.
// example: {"id": "ct_000001"}
MATCH (x)-[r]->(n:Contact {id: $id})
RETURN type(r) AS type, labels(x)[0] AS label, x.id AS other, properties(r) AS props

// mode: read
// Relationships arriving at a account: type, the other end and the properties, for a merge.
// example: {"id": "acc_00001"}
MATCH (x)-[r]->(n:Account {id: $id})
RETURN type(r) AS type, labels(x)[0] AS label, x.id AS other, properties(r) AS props

// mode: read
// Distinct neighbours of the given contacts, ids and member flag only: the cheap expansion
// behind "the nearest connection is N hops away".
// example: {"ids": ["ct_000001"]}
UNWIND $ids AS id
MATCH (a:Contact {id: id})-[:KNOWS]-(b)
RETURN DISTINCT b.id AS b, CASE WHEN b:Member THEN 2 ELSE 0 END AS flags

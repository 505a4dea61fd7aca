// mode: read
// Distinct neighbours of the given members, ids and member flag only: the cheap expansion
// behind "the nearest connection is N hops away".
// example: {"ids": ["mem_0001"]}
UNWIND $ids AS id
MATCH (a:Member {id: id})-[:KNOWS]-(b)
RETURN DISTINCT b.id AS b, CASE WHEN b:Member THEN 2 ELSE 0 END AS flags

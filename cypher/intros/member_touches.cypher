// mode: read
// How many KNOWS edges join the given members to the nodes in $into: a count, so checking
// that two search frontiers meet costs no result rows (the no-path distance probe).
// example: {"ids": ["mem_0001"], "into": ["ct_000002"]}
UNWIND $ids AS id
MATCH (a:Member {id: id})-[:KNOWS]-(b)
WHERE b.id IN $into
RETURN count(b) AS n

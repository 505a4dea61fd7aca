// mode: read
// Ids of every interaction the given contacts took part in.
// example: {"ids": ["ct_000001"]}
UNWIND $ids AS pid
MATCH (:Contact {id: pid})-[:PARTICIPATED_IN]->(i:Interaction)
RETURN DISTINCT i.id AS id

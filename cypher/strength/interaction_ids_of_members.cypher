// mode: read
// Ids of every interaction the given members took part in.
// example: {"ids": ["mem_0001"]}
UNWIND $ids AS pid
MATCH (:Member {id: pid})-[:PARTICIPATED_IN]->(i:Interaction)
RETURN DISTINCT i.id AS id

// mode: write
// Remove a deal's current owners (before OWNS is given to someone else).
// example: {"deal": "missing-deal"}
MATCH (m:Member)-[r:OWNS]->(d:Deal {id: $deal})
DELETE r
RETURN count(*) AS dropped

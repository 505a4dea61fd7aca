// mode: write
// Make a member the owner of a deal.
// example: {"deal": "missing-deal", "member": "missing-member", "since": "2026-01-02"}
MATCH (d:Deal {id: $deal})
MATCH (m:Member {id: $member})
MERGE (m)-[r:OWNS]->(d)
SET r.since = date($since)
RETURN m.id AS owner

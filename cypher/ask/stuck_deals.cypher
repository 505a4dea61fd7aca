// mode: read
// Open deals that entered their stage before `before` (ISO datetime), longest waiting first.
// example: {"stages": ["05-VIEWING"], "before": "2026-09-01T00:00:00", "owner": null, "limit": 50}
MATCH (acc:Account)-[:HAS_DEAL]->(d:Deal)
WHERE d.stage IN $stages AND d.stage_entered_at < localdatetime($before)
  AND ($owner IS NULL OR (d)<-[:OWNS]-(:Member {id: $owner}))
OPTIONAL MATCH (m:Member)-[:OWNS]->(d)
RETURN d.id AS id, d.name AS name, d.stage AS stage, d.stage_entered_at AS in_stage_since,
       d.amount AS amount, acc.name AS account, collect(m.name)[0] AS owner
ORDER BY in_stage_since, id
LIMIT $limit

// mode: read
// A deal's stage history, oldest first, with its current stage and when it entered it.
// example: {"id": "deal_1"}
MATCH (d:Deal {id: $id})
OPTIONAL MATCH (d)-[:HAS_STAGE_CHANGE]->(s:StageChange)
WITH d, s ORDER BY s.at
RETURN d.stage AS stage, d.stage_entered_at AS entered_at, d.created_at AS created_at,
       collect(CASE WHEN s IS NULL THEN NULL ELSE {from_stage: s.from_stage,
               to_stage: s.to_stage, at: s.at, by: s.by,
               days_in_stage: s.days_in_stage} END) AS steps

// mode: read
// Every stage change of every deal (the stage history the scores replay in time).
// example: {}
MATCH (d:Deal)-[:HAS_STAGE_CHANGE]->(s:StageChange)
RETURN d.id AS deal, s.from_stage AS from_stage, s.to_stage AS to_stage, s.at AS at,
       s.days_in_stage AS days

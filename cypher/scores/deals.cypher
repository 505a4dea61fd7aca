// mode: read
// Every deal with its account and owners: what the scores and the Oracle read.
// example: {}
MATCH (d:Deal)
OPTIONAL MATCH (a:Account)-[:HAS_DEAL]->(d)
OPTIONAL MATCH (m:Member)-[:OWNS]->(d)
RETURN d.id AS id, d.name AS name, d.amount AS amount, d.currency AS currency,
       d.stage AS stage, d.stage_entered_at AS stage_entered_at, d.created_at AS created_at,
       d.expected_close AS expected_close, d.actual_close AS actual_close,
       d.loss_reason AS loss_reason, d.next_step AS next_step, a.id AS account,
       collect(DISTINCT m.id) AS owners

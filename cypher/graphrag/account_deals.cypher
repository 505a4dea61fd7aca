// mode: read
// An account's deals, latest first, with stage, amount and next step.
// example: {"account": "acc_00001", "limit": 20}
MATCH (a:Account {id: $account})-[:HAS_DEAL]->(d:Deal)
RETURN d.id AS id, d.name AS name, d.stage AS stage, d.amount AS amount,
       d.expected_close AS expected_close, d.loss_reason AS loss_reason, d.next_step AS next_step
ORDER BY coalesce(d.actual_close, d.expected_close) DESC, id
LIMIT $limit

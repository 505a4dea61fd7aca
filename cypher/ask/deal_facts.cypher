// mode: read
// One deal's own facts, its account and owner.
// example: {"deal": "deal_00001"}
MATCH (acc:Account)-[:HAS_DEAL]->(d:Deal {id: $deal})
OPTIONAL MATCH (m:Member)-[:OWNS]->(d)
RETURN d.id AS id, d.name AS name, d.stage AS stage, d.amount AS amount,
       d.expected_close AS expected_close, d.next_step AS next_step, acc.name AS account,
       collect(m.name)[0] AS owner

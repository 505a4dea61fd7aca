// mode: read
// Deals with optional filters: stages (a list), owner, account, amount range, close date
// range (ISO dates; the actual close of a closed deal, else the expected one); biggest first.
// example: {"stages": ["06-PROPOSAL", "07-NEGOTIATION"], "owner": null, "account": null, "min_amount": 1000000.0, "max_amount": null, "close_from": "2026-01-01", "close_to": "2027-12-31", "limit": 50}
MATCH (acc:Account)-[:HAS_DEAL]->(d:Deal)
WHERE ($stages IS NULL OR d.stage IN $stages)
  AND ($account IS NULL OR acc.id = $account)
  AND ($min_amount IS NULL OR d.amount >= $min_amount)
  AND ($max_amount IS NULL OR d.amount <= $max_amount)
  AND ($close_from IS NULL OR coalesce(d.actual_close, d.expected_close) >= date($close_from))
  AND ($close_to IS NULL OR coalesce(d.actual_close, d.expected_close) <= date($close_to))
  AND ($owner IS NULL OR (d)<-[:OWNS]-(:Member {id: $owner}))
OPTIONAL MATCH (m:Member)-[:OWNS]->(d)
RETURN d.id AS id, d.name AS name, d.stage AS stage, d.amount AS amount,
       d.expected_close AS expected_close, acc.name AS account, collect(m.name)[0] AS owner
ORDER BY coalesce(d.amount, 0.0) DESC, id
LIMIT $limit

// mode: read
// Count and total amount of the deals matching the optional filters (see ask/deals).
// example: {"stages": null, "owner": null, "account": null, "min_amount": null, "max_amount": null, "close_from": null, "close_to": null}
MATCH (acc:Account)-[:HAS_DEAL]->(d:Deal)
WHERE ($stages IS NULL OR d.stage IN $stages)
  AND ($account IS NULL OR acc.id = $account)
  AND ($min_amount IS NULL OR d.amount >= $min_amount)
  AND ($max_amount IS NULL OR d.amount <= $max_amount)
  AND ($close_from IS NULL OR coalesce(d.actual_close, d.expected_close) >= date($close_from))
  AND ($close_to IS NULL OR coalesce(d.actual_close, d.expected_close) <= date($close_to))
  AND ($owner IS NULL OR (d)<-[:OWNS]-(:Member {id: $owner}))
RETURN count(d) AS count, sum(coalesce(d.amount, 0.0)) AS total

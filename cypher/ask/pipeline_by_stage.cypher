// mode: read
// Deals per stage (count and amount) among the given stages, optionally for one owner.
// example: {"stages": ["01-IDENTIFIED", "02-QUALIFYING"], "owner": null, "account": null}
MATCH (acc:Account)-[:HAS_DEAL]->(d:Deal)
WHERE d.stage IN $stages
  AND ($account IS NULL OR acc.id = $account)
  AND ($owner IS NULL OR (d)<-[:OWNS]-(:Member {id: $owner}))
RETURN d.stage AS stage, count(d) AS deals, sum(coalesce(d.amount, 0.0)) AS amount
ORDER BY stage

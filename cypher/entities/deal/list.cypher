// mode: read
// One page of Deal nodes in id order (keyset cursor: ids after $after), each
// filter ignored when null; archived ones only on request.
// example: {"after": "", "limit": 5, "include_archived": false, "q": null, "stage": null, "account": null, "owner": null, "min_amount": null}
MATCH (n:Deal)
WHERE n.id > $after
  AND ($include_archived OR coalesce(n.archived, false) = false)
  AND ($q IS NULL OR toLower(n.name) CONTAINS toLower($q))
  AND ($stage IS NULL OR n.stage = $stage)
  AND ($min_amount IS NULL OR n.amount >= $min_amount)
  AND ($account IS NULL OR (:Account {id: $account})-[:HAS_DEAL]->(n))
  AND ($owner IS NULL OR (:Member {id: $owner})-[:OWNS]->(n))
RETURN properties(n) AS node
ORDER BY n.id
LIMIT $limit

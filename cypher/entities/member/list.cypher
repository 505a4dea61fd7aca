// mode: read
// One page of Member nodes in id order (keyset cursor: ids after $after), each
// filter ignored when null; archived ones only on request.
// example: {"after": "", "limit": 5, "include_archived": false, "q": null, "business_unit": null}
MATCH (n:Member)
WHERE n.id > $after
  AND ($include_archived OR coalesce(n.archived, false) = false)
  AND ($q IS NULL OR toLower(n.name) CONTAINS toLower($q))
  AND ($business_unit IS NULL OR n.business_unit = $business_unit)
RETURN properties(n) AS node
ORDER BY n.id
LIMIT $limit

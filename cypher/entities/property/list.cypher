// mode: read
// One page of Property nodes in id order (keyset cursor: ids after $after), each
// filter ignored when null; archived ones only on request.
// example: {"after": "", "limit": 5, "include_archived": false, "q": null, "type": null, "status": null, "city": null, "max_price": null, "min_bedrooms": null}
MATCH (n:Property)
WHERE n.id > $after
  AND ($include_archived OR coalesce(n.archived, false) = false)
  AND ($q IS NULL OR toLower(n.title) CONTAINS toLower($q))
  AND ($type IS NULL OR n.type = $type)
  AND ($status IS NULL OR n.status = $status)
  AND ($city IS NULL OR n.city = $city)
  AND ($max_price IS NULL OR n.price <= $max_price)
  AND ($min_bedrooms IS NULL OR n.bedrooms >= $min_bedrooms)
RETURN properties(n) AS node
ORDER BY n.id
LIMIT $limit

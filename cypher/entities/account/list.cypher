// mode: read
// One page of Account nodes in id order (keyset cursor: ids after $after), each
// filter ignored when null; archived ones only on request.
// example: {"after": "", "limit": 5, "include_archived": false, "q": null, "industry": null, "stage": null, "tier": null, "city": null, "country": null}
MATCH (n:Account)
WHERE n.id > $after
  AND ($include_archived OR coalesce(n.archived, false) = false)
  AND ($q IS NULL OR toLower(n.name) CONTAINS toLower($q))
  AND ($industry IS NULL OR n.industry = $industry)
  AND ($stage IS NULL OR n.stage = $stage)
  AND ($tier IS NULL OR n.tier = $tier)
  AND ($city IS NULL OR n.city = $city)
  AND ($country IS NULL OR n.country = $country)
RETURN properties(n) AS node
ORDER BY n.id
LIMIT $limit

// mode: read
// Accounts with optional filters (a null parameter means no filter), largest revenue first.
// example: {"stage": "AT_RISK", "tier": null, "industry": null, "city": null, "country": null, "owner": null, "limit": 50}
MATCH (a:Account)
WHERE ($stage IS NULL OR a.stage = $stage)
  AND ($tier IS NULL OR a.tier = $tier)
  AND ($industry IS NULL OR toLower(a.industry) = $industry)
  AND ($city IS NULL OR toLower(a.city) = $city)
  AND ($country IS NULL OR toLower(a.country) = $country)
  AND ($owner IS NULL OR (a)<-[:OWNS]-(:Member {id: $owner}))
OPTIONAL MATCH (m:Member)-[:OWNS]->(a)
WITH a, collect(m.name)[0] AS owner
RETURN a.id AS id, a.name AS name, a.stage AS stage, a.tier AS tier, a.industry AS industry,
       a.city AS city, owner, a.annual_revenue AS revenue
ORDER BY coalesce(revenue, 0.0) DESC, id
LIMIT $limit

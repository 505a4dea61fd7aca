// mode: read
// How many accounts match the optional filters (a null parameter means no filter).
// example: {"stage": null, "tier": "GOLD", "industry": null, "city": "lisbon", "country": null, "owner": null}
MATCH (a:Account)
WHERE ($stage IS NULL OR a.stage = $stage)
  AND ($tier IS NULL OR a.tier = $tier)
  AND ($industry IS NULL OR toLower(a.industry) = $industry)
  AND ($city IS NULL OR toLower(a.city) = $city)
  AND ($country IS NULL OR toLower(a.country) = $country)
  AND ($owner IS NULL OR (a)<-[:OWNS]-(:Member {id: $owner}))
RETURN count(a) AS count

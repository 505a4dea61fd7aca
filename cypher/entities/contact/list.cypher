// mode: read
// One page of Contact nodes in id order (keyset cursor: ids after $after), each
// filter ignored when null; archived ones only on request.
// example: {"after": "", "limit": 5, "include_archived": false, "q": null, "city": null, "country": null, "lifecycle_stage": null, "seniority": null, "account": null, "viewer": null, "see_all": false, "personal": ["LINKEDIN", "SOCIAL"]}
MATCH (n:Contact)
WHERE n.id > $after
  AND ($include_archived OR coalesce(n.archived, false) = false)
  AND ($q IS NULL OR toLower(n.name) CONTAINS toLower($q))
  AND ($city IS NULL OR n.city = $city)
  AND ($country IS NULL OR n.country = $country)
  AND ($lifecycle_stage IS NULL OR n.lifecycle_stage = $lifecycle_stage)
  AND ($seniority IS NULL OR n.seniority = $seniority)
  AND ($account IS NULL OR (n)-[:WORKS_AT]->(:Account {id: $account}))
WITH n, [(m:Member)-[k:KNOWS]-(n) | {own: m.id = coalesce($viewer, '') OR coalesce(m.shares_network, false) = true,
        personal: size(coalesce(k.origins, [])) > 0
                  AND size([o IN coalesce(k.origins, []) WHERE NOT o IN $personal]) = 0}] AS ties,
     size([(n)-[:STAKEHOLDER_IN]->() | 1]) AS stakes
// A contact only in other members' personal networks is not listed (intro
// paths still use it); see cypher/privacy/hidden_contacts.cypher.
WHERE $see_all OR size(ties) = 0 OR size([t IN ties WHERE t.own OR NOT t.personal]) > 0
   OR stakes > 0
RETURN properties(n) AS node
ORDER BY n.id
LIMIT $limit

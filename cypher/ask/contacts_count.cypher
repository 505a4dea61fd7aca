// mode: read
// How many contacts match the optional filters.
// example: {"account": null, "city": null, "seniority": null, "department": "finance", "title": null, "lifecycle": "CUSTOMER"}
MATCH (c:Contact)
WHERE ($city IS NULL OR toLower(c.city) = $city)
  AND ($seniority IS NULL OR c.seniority = $seniority)
  AND ($department IS NULL OR toLower(c.department) = $department)
  AND ($title IS NULL OR toLower(c.title) CONTAINS $title)
  AND ($lifecycle IS NULL OR c.lifecycle_stage = $lifecycle)
  AND ($account IS NULL OR (c)-[:WORKS_AT {current: true}]->(:Account {id: $account}))
RETURN count(c) AS count

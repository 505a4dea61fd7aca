// mode: read
// An account's current people with optional filters. Starts from the account: the general
// ask/contacts scans every contact and tests the employment pattern on each (190 ms on the
// demo against a few ms from here).
// example: {"account": "ac_0001", "city": null, "seniority": null, "department": null, "title": "cfo", "lifecycle": null, "limit": 50}
MATCH (a:Account {id: $account})<-[:WORKS_AT {current: true}]-(c:Contact)
WITH DISTINCT a, c
WHERE ($city IS NULL OR toLower(c.city) = $city)
  AND ($seniority IS NULL OR c.seniority = $seniority)
  AND ($department IS NULL OR toLower(c.department) = $department)
  AND ($title IS NULL OR toLower(c.title) CONTAINS $title)
  AND ($lifecycle IS NULL OR c.lifecycle_stage = $lifecycle)
RETURN c.id AS id, c.name AS name, c.title AS title, a.name AS company, c.city AS city
ORDER BY name, id
LIMIT $limit

// mode: read
// Contacts with optional filters; `account` keeps people currently working there.
// example: {"account": null, "city": "lisbon", "seniority": "C_LEVEL", "department": null, "title": null, "lifecycle": null, "limit": 50}
MATCH (c:Contact)
WHERE ($city IS NULL OR toLower(c.city) = $city)
  AND ($seniority IS NULL OR c.seniority = $seniority)
  AND ($department IS NULL OR toLower(c.department) = $department)
  AND ($title IS NULL OR toLower(c.title) CONTAINS $title)
  AND ($lifecycle IS NULL OR c.lifecycle_stage = $lifecycle)
  AND ($account IS NULL OR (c)-[:WORKS_AT {current: true}]->(:Account {id: $account}))
OPTIONAL MATCH (c)-[:WORKS_AT {current: true}]->(a:Account)
RETURN c.id AS id, c.name AS name, c.title AS title, collect(a.name)[0] AS company,
       c.city AS city
ORDER BY name, id
LIMIT $limit

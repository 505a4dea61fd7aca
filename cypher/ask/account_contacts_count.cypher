// mode: read
// How many of an account's current people match the optional filters (see
// ask/account_contacts for why it starts from the account).
// example: {"account": "ac_0001", "city": null, "seniority": "C_LEVEL", "department": null, "title": null, "lifecycle": null}
MATCH (:Account {id: $account})<-[:WORKS_AT {current: true}]-(c:Contact)
WHERE ($city IS NULL OR toLower(c.city) = $city)
  AND ($seniority IS NULL OR c.seniority = $seniority)
  AND ($department IS NULL OR toLower(c.department) = $department)
  AND ($title IS NULL OR toLower(c.title) CONTAINS $title)
  AND ($lifecycle IS NULL OR c.lifecycle_stage = $lifecycle)
RETURN count(DISTINCT c) AS count

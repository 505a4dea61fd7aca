// mode: read
// Identity-resolution candidates among Contacts: same email, LinkedIn URL, external id, or
// the same name (lower case); with the accounts they work at for the name+company rule.
// example: {"emails": ["a@example.com"], "urls": [], "ext": ["hubspot:1"], "names": ["ana lima"]}
MATCH (c:Contact)
WHERE c.email IN $emails OR any(e IN coalesce(c.emails, []) WHERE e IN $emails)
   OR c.linkedin_url IN $urls
   OR any(x IN coalesce(c.external_ids, []) WHERE x IN $ext)
   OR toLower(c.name) IN $names
OPTIONAL MATCH (c)-[:WORKS_AT]->(a:Account)
RETURN c.id AS id, properties(c) AS props, collect(a.name) AS companies

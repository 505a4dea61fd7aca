// mode: read
// A contact's own facts and current employer.
// example: {"contact": "ct_000001"}
MATCH (c:Contact {id: $contact})
OPTIONAL MATCH (c)-[:WORKS_AT {current: true}]->(a:Account)
RETURN c.id AS id, c.name AS name, c.title AS title, c.city AS city,
       c.lifecycle_stage AS lifecycle_stage, c.do_not_contact AS do_not_contact,
       collect(a.id)[0] AS account_id, collect(a.name)[0] AS account

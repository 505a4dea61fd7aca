// mode: read
// Mail participants' candidates among Contacts by primary email: only what resolving a
// participant reads (its keys, its name, the fields edited by hand). A contact the batch
// changes is read again in full (find_contacts_by_id) for its change log.
// example: {"emails": ["a@example.com"]}
UNWIND $emails AS e
MATCH (c:Contact {email: e})
OPTIONAL MATCH (c)-[:WORKS_AT]->(a:Account)
RETURN c.id AS id, c.name AS name, c.email AS email, c.emails AS emails,
       c.linkedin_url AS linkedin_url, c.external_ids AS external_ids,
       c.edited_fields AS edited_fields, collect(a.name) AS companies

// mode: read
// Every Contact's identity keys (emails, LinkedIn URL, external ids, name), read once per
// import batch: secondary emails, external ids and folded names have no index, and a scan
// per chunk with IN-lists costs contacts x keys.
// example: {}
MATCH (c:Contact)
RETURN c.id AS id, c.emails AS emails, c.linkedin_url AS url, c.external_ids AS ext,
       c.name AS name

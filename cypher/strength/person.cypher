// mode: read
// A person (Member or Contact) by id, with the label that matched.
// example: {"id": "ct_000001"}
OPTIONAL MATCH (m:Member {id: $id})
OPTIONAL MATCH (c:Contact {id: $id})
RETURN m.id AS member, c.id AS contact

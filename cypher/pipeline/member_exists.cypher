// mode: read
// Whether a member with this id exists.
// example: {"id": "mem_1"}
MATCH (m:Member {id: $id})
RETURN m.id AS id, m.name AS name

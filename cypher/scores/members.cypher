// mode: read
// Every team member's id and name.
// example: {}
MATCH (m:Member)
RETURN m.id AS id, m.name AS name

// mode: read
// Every member's id, name and email: the planner's entity-linking index.
// example: {}
MATCH (m:Member)
RETURN m.id AS id, m.name AS name, m.email AS alias

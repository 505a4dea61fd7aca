// mode: read
// Every contact's id, name and primary email: the planner's entity-linking index.
// example: {}
MATCH (c:Contact)
RETURN c.id AS id, c.name AS name, c.email AS alias

// mode: read
// Every deal's id and name: the planner's entity-linking index.
// example: {}
MATCH (d:Deal)
RETURN d.id AS id, d.name AS name, null AS alias

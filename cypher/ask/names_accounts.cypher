// mode: read
// Every account's id, name and domain: the planner's entity-linking index.
// example: {}
MATCH (a:Account)
RETURN a.id AS id, a.name AS name, a.domain AS alias

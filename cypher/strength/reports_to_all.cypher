// mode: read
// The whole org chart as (person, manager) pairs.
// example: {}
MATCH (c:Contact)-[:REPORTS_TO]->(m:Contact)
RETURN c.id AS person, m.id AS manager

// mode: read
// Every employment period (current and former), for the shared-employer driver.
// example: {}
MATCH (c:Contact)-[w:WORKS_AT]->(a:Account)
RETURN c.id AS person, a.id AS account, w.current AS current, w.start AS start, w.end AS end

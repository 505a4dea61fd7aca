// mode: read
// Who currently works where, with their title (the people an account's health looks at).
// example: {}
MATCH (c:Contact)-[w:WORKS_AT]->(a:Account)
WHERE coalesce(w.current, true)
RETURN c.id AS contact, a.id AS account, c.name AS name,
       coalesce(w.title, c.title) AS title, c.seniority AS seniority

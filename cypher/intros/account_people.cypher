// mode: read
// The people of an account: current staff (and former ones when asked), with their weight
// as targets: decision makers and key stakeholders first.
// example: {"account": "acc_00001", "include_former": false}
MATCH (c:Contact)-[w:WORKS_AT]->(a:Account {id: $account})
WHERE w.current = true OR $include_former = true
OPTIONAL MATCH (c)-[s:STAKEHOLDER_IN]->(x)
WHERE (x:Account AND x.id = $account) OR (x:Deal AND (a)-[:HAS_DEAL]->(x))
WITH c, w, collect(s.role) AS roles, max(CASE WHEN s.key THEN 1 ELSE 0 END) AS key_flag
RETURN c.id AS id, c.name AS name, coalesce(w.title, c.title) AS title, w.current AS current,
       c.seniority AS seniority, roles, key_flag = 1 AS is_key
ORDER BY id

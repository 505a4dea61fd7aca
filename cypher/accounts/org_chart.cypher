// mode: read
// An account's current people for its org chart: their manager(s) at the account
// (REPORTS_TO), stakeholder roles, whether they are key, and every team member's tie.
// example: {"account": "acc_00001"}
MATCH (c:Contact)-[w:WORKS_AT {current: true}]->(a:Account {id: $account})
OPTIONAL MATCH (c)-[:REPORTS_TO]->(boss:Contact)-[:WORKS_AT {current: true}]->(a)
OPTIONAL MATCH (c)-[s:STAKEHOLDER_IN]->(x)
WHERE (x:Account AND x.id = $account) OR (x:Deal AND (a)-[:HAS_DEAL]->(x))
WITH c, w, collect(DISTINCT boss.id) AS managers, collect(DISTINCT s.role) AS roles,
     max(CASE WHEN s.key THEN 1 ELSE 0 END) AS key_flag
RETURN c.id AS id, c.name AS name, coalesce(w.title, c.title) AS title,
       c.seniority AS seniority, managers, roles, key_flag = 1 AS is_key,
       coalesce(c.do_not_contact, false) AS dnc,
       [(c)-[k:KNOWS]-(m:Member) |
        {id: m.id, name: m.name, strength: coalesce(k.strength, k.explicit_strength)}] AS ties
ORDER BY id

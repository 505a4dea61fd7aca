// mode: read
// An account's current people, whether each is a key stakeholder, and the team members
// who know them best (strongest first).
// example: {"account": "acc_00001"}
MATCH (c:Contact)-[w:WORKS_AT {current: true}]->(a:Account {id: $account})
OPTIONAL MATCH (c)-[s:STAKEHOLDER_IN]->(x)
WHERE (x:Account AND x.id = $account) OR (x:Deal AND (a)-[:HAS_DEAL]->(x))
WITH a, c, w, collect(DISTINCT s.role) AS roles, max(CASE WHEN s.key THEN 1 ELSE 0 END) AS key_flag
OPTIONAL MATCH (c)-[k:KNOWS]-(m:Member)
WITH c, w, roles, key_flag, m, coalesce(k.strength, k.explicit_strength) AS strength
ORDER BY strength DESC
WITH c, w, roles, key_flag,
     collect(CASE WHEN m IS NULL THEN NULL
             ELSE {id: m.id, name: m.name, strength: strength} END) AS ties
RETURN c.id AS id, c.name AS name, coalesce(w.title, c.title) AS title,
       c.seniority AS seniority, roles, key_flag = 1 AS is_key,
       coalesce(c.do_not_contact, false) AS dnc, ties
ORDER BY id

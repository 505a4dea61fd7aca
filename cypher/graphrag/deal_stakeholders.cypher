// mode: read
// A deal's stakeholders with their role and influence.
// example: {"deal": "deal_00001", "limit": 20}
MATCH (c:Contact)-[s:STAKEHOLDER_IN]->(d:Deal {id: $deal})
RETURN c.id AS id, c.name AS name, c.title AS title, s.role AS role, s.influence AS influence
ORDER BY influence DESC, id
LIMIT $limit

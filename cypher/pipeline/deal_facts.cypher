// mode: read
// A deal's fields, its owners and the roles of its stakeholders: what stage gating checks.
// example: {"id": "deal_1"}
MATCH (d:Deal {id: $id})
OPTIONAL MATCH (m:Member)-[:OWNS]->(d)
OPTIONAL MATCH (c:Contact)-[s:STAKEHOLDER_IN]->(d)
RETURN properties(d) AS deal, collect(DISTINCT m.id) AS owners,
       collect(DISTINCT s.role) AS roles

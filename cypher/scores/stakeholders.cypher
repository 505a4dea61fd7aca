// mode: read
// Every deal stakeholder with the role and influence given on the deal.
// example: {}
MATCH (c:Contact)-[s:STAKEHOLDER_IN]->(d:Deal)
RETURN d.id AS deal, c.id AS contact, c.name AS name, c.title AS title, s.role AS role,
       coalesce(s.influence, 50.0) AS influence

// mode: read
// Every interaction between a team member and a contact, as (member, contact, time).
// example: {}
MATCH (m:Member)-[:PARTICIPATED_IN]->(i:Interaction)<-[:PARTICIPATED_IN]-(c:Contact)
RETURN m.id AS member, c.id AS contact, i.at AS at

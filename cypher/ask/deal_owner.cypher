// mode: read
// The members who own a deal.
// example: {"deal": "deal_00001"}
MATCH (m:Member)-[:OWNS]->(d:Deal {id: $deal})
RETURN m.id AS id, m.name AS name, m.email AS email, d.name AS deal
ORDER BY id

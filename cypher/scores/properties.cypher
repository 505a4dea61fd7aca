// mode: read
// Reserved properties and since when (the Oracle's reserved-too-long alert).
// example: {}
MATCH (p:Property)
WHERE p.status = 'RESERVED'
OPTIONAL MATCH (d:Deal)-[:FOR_PROPERTY]->(p)
RETURN p.id AS id, p.title AS title, p.status_since AS status_since,
       collect(DISTINCT d.id) AS deals

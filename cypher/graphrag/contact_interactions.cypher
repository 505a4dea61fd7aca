// mode: read
// The latest interactions a contact took part in, with their subject and summary.
// example: {"contact": "ct_000001", "limit": 30}
MATCH (c:Contact {id: $contact})-[:PARTICIPATED_IN]->(i:Interaction)
RETURN i.id AS id, i.kind AS kind, i.at AS at, i.subject AS subject, i.summary AS summary,
       c.name AS person
ORDER BY at DESC, id
LIMIT $limit

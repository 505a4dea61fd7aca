// mode: read
// The latest interactions with an account's people, with their subject and summary.
// example: {"account": "acc_00001", "limit": 40}
MATCH (a:Account {id: $account})<-[:WORKS_AT]-(c:Contact)-[:PARTICIPATED_IN]->(i:Interaction)
WITH i, collect(c.name)[0] AS person
RETURN i.id AS id, i.kind AS kind, i.at AS at, i.subject AS subject, i.summary AS summary,
       person
ORDER BY at DESC, id
LIMIT $limit

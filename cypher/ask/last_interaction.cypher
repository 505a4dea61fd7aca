// mode: read
// The latest interactions with an account's people (current or former).
// example: {"account": "acc_00001", "limit": 5}
MATCH (a:Account {id: $account})<-[:WORKS_AT]-(c:Contact)-[:PARTICIPATED_IN]->(i:Interaction)
WITH DISTINCT i
RETURN i.id AS id, i.kind AS kind, i.at AS at, i.subject AS subject
ORDER BY at DESC, id
LIMIT $limit

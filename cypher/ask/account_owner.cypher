// mode: read
// The members who own an account.
// example: {"account": "acc_00001"}
MATCH (m:Member)-[:OWNS]->(a:Account {id: $account})
RETURN m.id AS id, m.name AS name, m.email AS email, a.name AS account
ORDER BY id

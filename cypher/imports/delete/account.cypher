// mode: write
// Undo of an import: delete the Account nodes the batch created.
// example: {"rows": [{"id": "missing"}]}
UNWIND $rows AS row
MATCH (n:Account {id: row.id})
DETACH DELETE n
RETURN count(*) AS deleted

// mode: write
// Undo of an import: delete the Contact nodes the batch created.
// example: {"rows": [{"id": "missing"}]}
UNWIND $rows AS row
MATCH (n:Contact {id: row.id})
DETACH DELETE n
RETURN count(*) AS deleted

// mode: write
// Undo of an import: delete the Deal nodes the batch created.
// example: {"rows": [{"id": "missing"}]}
UNWIND $rows AS row
MATCH (n:Deal {id: row.id})
DETACH DELETE n
RETURN count(*) AS deleted

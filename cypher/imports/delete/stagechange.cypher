// mode: write
// Undo of an import: delete the StageChange nodes the batch created.
// example: {"rows": [{"id": "missing"}]}
UNWIND $rows AS row
MATCH (n:StageChange {id: row.id})
DETACH DELETE n
RETURN count(*) AS deleted

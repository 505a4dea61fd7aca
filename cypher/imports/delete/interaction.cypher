// mode: write
// Undo of an import: delete the Interaction nodes the batch created.
// example: {"rows": [{"id": "missing"}]}
UNWIND $rows AS row
MATCH (n:Interaction {id: row.id})
DETACH DELETE n
RETURN count(*) AS deleted

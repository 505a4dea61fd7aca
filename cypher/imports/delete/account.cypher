// mode: write
// Undo of an import: delete the Account nodes the batch created.
// The label goes first: FalkorDB 4.16 deletes a node whose label matrix lags the graph's
// size (nodes created since) but leaves it in that matrix, without properties: a
// "ghost" every read of the label then fails on (docs/imports.md, Undo).
// example: {"rows": [{"id": "missing"}]}
UNWIND $rows AS row
MATCH (n:Account {id: row.id})
REMOVE n:Account
DETACH DELETE n
RETURN count(*) AS deleted

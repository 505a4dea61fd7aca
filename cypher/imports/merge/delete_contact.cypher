// mode: write
// Remove the merged-away contact and its relationships (already copied to the survivor).
// The label goes first: FalkorDB 4.16 deletes a node whose label matrix lags the graph's
// size (nodes created since) but leaves it in that matrix, without properties: a
// "ghost" every read of the label then fails on (docs/imports.md, Undo).
// example: {"id": "missing-contact"}
MATCH (n:Contact {id: $id})
REMOVE n:Contact
DETACH DELETE n
RETURN count(*) AS deleted

// mode: write
// Optimistic concurrency: take revision $rev + 1 of a Deal only if it is still at
// $rev (one statement, so two writers cannot both win); no row: someone else did.
// example: {"id": "example-deal", "rev": 0}
MATCH (n:Deal {id: $id})
WHERE coalesce(n.rev, 0) = $rev
SET n.rev = $rev + 1
RETURN n.rev AS rev

// mode: write
// Archive instead of delete: the Property stays (with its history and edges) but
// leaves lists; guarded by its revision like any update.
// example: {"id": "example-property", "rev": 0, "now": "2026-01-01T00:00:00"}
MATCH (n:Property {id: $id})
WHERE coalesce(n.rev, 0) = $rev
SET n.archived = true, n.archived_at = localdatetime($now),
    n.updated_at = localdatetime($now), n.rev = $rev + 1
RETURN properties(n) AS node

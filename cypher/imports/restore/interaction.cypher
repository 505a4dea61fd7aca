// mode: write
// Undo of an import: put back every property a Interaction had before the batch changed it.
// example: {"rows": [{"id": "missing", "props": {"id": "missing"}, "created_at": "2026-01-01T00:00:00", "updated_at": "2026-01-01T00:00:00"}]}
UNWIND $rows AS row
MATCH (n:Interaction {id: row.id})
SET n = row.props
SET n.id = row.id,
    n.created_at = localdatetime(row.created_at),
    n.updated_at = localdatetime(row.updated_at),
    n.at = localdatetime(row.at)
RETURN count(n) AS restored

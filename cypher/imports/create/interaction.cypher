// mode: write
// Create the Interaction nodes an import adds: ids its plan made, so no existing node is looked
// up (a MERGE's index lookup was a quarter of the engine's work); the unique id constraint
// still stops a duplicate. Temporal fields are set only when the row has them.
// example: {"rows": [{"id": "example-import-created-interaction", "now": "2026-01-01T00:00:00", "props": {"sources": ["import:0:1"]}}]}
UNWIND $rows AS row
CREATE (n:Interaction {id: row.id})
SET n += row.props,
    n.created_at = localdatetime(row.now),
    n.updated_at = localdatetime(row.now),
    n.at = CASE WHEN row.at IS NULL THEN n.at ELSE localdatetime(row.at) END
RETURN count(n) AS loaded

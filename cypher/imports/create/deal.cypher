// mode: write
// Create the Deal nodes an import adds: ids its plan made, so no existing node is looked
// up (a MERGE's index lookup was a quarter of the engine's work); the unique id constraint
// still stops a duplicate. Temporal fields are set only when the row has them.
// example: {"rows": [{"id": "example-import-created-deal", "now": "2026-01-01T00:00:00", "props": {"sources": ["import:0:1"]}}]}
UNWIND $rows AS row
CREATE (n:Deal {id: row.id})
SET n += row.props,
    n.created_at = localdatetime(row.now),
    n.updated_at = localdatetime(row.now),
    n.stage_entered_at = CASE WHEN row.stage_entered_at IS NULL THEN n.stage_entered_at ELSE localdatetime(row.stage_entered_at) END,
    n.expected_close = CASE WHEN row.expected_close IS NULL THEN n.expected_close ELSE date(row.expected_close) END,
    n.actual_close = CASE WHEN row.actual_close IS NULL THEN n.actual_close ELSE date(row.actual_close) END
RETURN count(n) AS loaded

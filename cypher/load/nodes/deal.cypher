// mode: write
// Upsert Deal nodes by id. Temporal fields travel as ISO text (see graph.store.to_param).
// example: {"rows": [{"id": "example-deal", "props": {"sources": ["example"]}, "created_at": "2026-01-01T00:00:00", "updated_at": "2026-01-02T00:00:00"}]}
UNWIND $rows AS row
MERGE (n:Deal {id: row.id})
ON CREATE SET n.created_at = localdatetime(row.created_at)
SET n += row.props,
    n.updated_at = localdatetime(row.updated_at),
    n.stage_entered_at = localdatetime(row.stage_entered_at),
    n.expected_close = date(row.expected_close),
    n.actual_close = date(row.actual_close)
RETURN count(n) AS loaded

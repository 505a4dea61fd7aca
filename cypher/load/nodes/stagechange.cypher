// mode: write
// Upsert StageChange nodes by id. Temporal fields travel as ISO text (see graph.store.to_param).
// example: {"rows": [{"id": "example-stagechange", "props": {"sources": ["example"]}, "created_at": "2026-01-01T00:00:00", "updated_at": "2026-01-02T00:00:00"}]}
UNWIND $rows AS row
MERGE (n:StageChange {id: row.id})
ON CREATE SET n.created_at = localdatetime(row.created_at)
SET n += row.props,
    n.updated_at = localdatetime(row.updated_at),
    n.at = localdatetime(row.at)
RETURN count(n) AS loaded

// mode: write
// Upsert Property nodes by id. Temporal fields travel as ISO text (see graph.store.to_param).
// example: {"rows": [{"id": "example-property", "props": {"sources": ["example"]}, "created_at": "2026-01-01T00:00:00", "updated_at": "2026-01-02T00:00:00"}]}
UNWIND $rows AS row
MERGE (n:Property {id: row.id})
ON CREATE SET n.created_at = localdatetime(row.created_at)
SET n += row.props,
    n.updated_at = localdatetime(row.updated_at),
    n.status_since = date(row.status_since)
RETURN count(n) AS loaded

// mode: write
// Create or update Contact nodes from an import: only the given properties change (field
// level); temporal fields are set only when the row has them.
// example: {"rows": [{"id": "example-import-contact", "now": "2026-01-01T00:00:00", "props": {"sources": ["import:0:1"]}}]}
UNWIND $rows AS row
MERGE (n:Contact {id: row.id})
ON CREATE SET n.created_at = localdatetime(row.now)
SET n += row.props,
    n.updated_at = localdatetime(row.now)
RETURN count(n) AS loaded

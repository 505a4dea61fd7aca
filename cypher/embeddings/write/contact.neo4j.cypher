// mode: write
// Store Contact vectors with the text, hash and model they came from.
// example: {"rows": [{"id": "missing", "embedding": [0.6, 0.8, 0.0], "text": "t", "hash": "h", "model": "m", "at": "2026-01-01T00:00:00"}]}
UNWIND $rows AS row
MATCH (n:Contact {id: row.id})
CALL db.create.setNodeVectorProperty(n, 'embedding', row.embedding)
SET n.embedding_text = row.text, n.embedding_hash = row.hash, n.embedding_model = row.model,
    n.last_indexed = localdatetime(row.at)
RETURN count(n) AS written

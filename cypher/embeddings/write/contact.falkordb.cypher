// mode: write
// Store Contact vectors with the text, hash and model they came from (vecf32: a plain list is
// not indexed by FalkorDB). FalkorDB 4.16 silently keeps the old value when a 384-float
// vector is overwritten in place, so the attribute is cleared first.
// example: {"rows": [{"id": "missing", "embedding": [0.6, 0.8, 0.0], "text": "t", "hash": "h", "model": "m", "at": "2026-01-01T00:00:00"}]}
UNWIND $rows AS row
MATCH (n:Contact {id: row.id})
SET n.embedding = NULL
WITH n, row
SET n.embedding = vecf32(row.embedding), n.embedding_text = row.text,
    n.embedding_hash = row.hash, n.embedding_model = row.model,
    n.last_indexed = localdatetime(row.at)
RETURN count(n) AS written

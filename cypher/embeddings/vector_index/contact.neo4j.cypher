// mode: write
// The Contact vector index (cosine). The procedure takes the dimension as a parameter (the DDL's
// OPTIONS map does not); HNSW knobs are Neo4j's own defaults.
// example: {"dimension": 3, "m": 16, "ef_construction": 200, "ef_runtime": 100}
CALL db.index.vector.createNodeIndex('contact_embedding', 'Contact', 'embedding', $dimension, 'cosine')

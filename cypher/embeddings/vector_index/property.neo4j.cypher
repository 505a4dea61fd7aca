// mode: write
// The Property vector index (cosine). The procedure takes the dimension as a parameter (the DDL's
// OPTIONS map does not); HNSW knobs are Neo4j's own defaults.
// example: {"dimension": 3, "m": 16, "ef_construction": 200, "ef_runtime": 100}
CALL db.index.vector.createNodeIndex('property_embedding', 'Property', 'embedding', $dimension, 'cosine')

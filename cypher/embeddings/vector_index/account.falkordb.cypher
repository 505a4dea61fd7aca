// mode: write
// The Account vector index (cosine); HNSW knobs from EmbeddingIndexSettings.
// example: {"dimension": 3, "m": 16, "ef_construction": 200, "ef_runtime": 100}
CREATE VECTOR INDEX FOR (n:Account) ON (n.embedding)
OPTIONS {dimension: $dimension, similarityFunction: 'cosine', M: $m,
         efConstruction: $ef_construction, efRuntime: $ef_runtime}

// mode: read
// Approximate nearest nodes of one label by cosine similarity (1 = same direction).
// example: {"label": "Contact", "index": "contact_embedding", "k": 5, "vector": [0.6, 0.8, 0.0]}
CALL db.idx.vector.queryNodes($label, 'embedding', $k, vecf32($vector)) YIELD node, score
RETURN node.id AS id, 1.0 - score AS similarity, node.embedding_text AS text

// mode: read
// Approximate nearest nodes of one label by cosine similarity (1 = same direction); Neo4j's
// score is (1 + cosine) / 2.
// example: {"label": "Contact", "index": "contact_embedding", "k": 5, "vector": [0.6, 0.8, 0.0]}
CALL db.index.vector.queryNodes($index, $k, $vector) YIELD node, score
RETURN node.id AS id, 2.0 * score - 1.0 AS similarity, node.embedding_text AS text

// mode: read
// Full-text matches of one label (Lucene syntax in $query), best first.
// example: {"label": "Contact", "index": "contact_text", "query": "lisbon OR cfo", "k": 5}
CALL db.index.fulltext.queryNodes($index, $query, {limit: $k}) YIELD node, score
RETURN node.id AS id, score, node.embedding_text AS text
ORDER BY score DESC
LIMIT $k

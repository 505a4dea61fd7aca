// mode: read
// Full-text matches of one label (RediSearch syntax in $query), best first.
// example: {"label": "Contact", "index": "contact_text", "query": "lisbon|cfo", "k": 5}
CALL db.idx.fulltext.queryNodes($label, $query) YIELD node, score
RETURN node.id AS id, score, node.embedding_text AS text
ORDER BY score DESC
LIMIT $k

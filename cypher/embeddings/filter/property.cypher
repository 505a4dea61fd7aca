// mode: read
// Properties passing the structured filters (a null parameter is no filter).
// example: {"city": "Lisbon", "min_price": 100000, "max_price": null, "status": "AVAILABLE", "vectors": true}
MATCH (node:Property)
WHERE ($city IS NULL OR toLower(node.city) = toLower($city))
  AND ($min_price IS NULL OR node.price >= $min_price)
  AND ($max_price IS NULL OR node.price <= $max_price)
  AND ($status IS NULL OR node.status = $status)
RETURN node.id AS id, CASE WHEN $vectors THEN node.embedding ELSE null END AS embedding,
       CASE WHEN $vectors THEN node.embedding_text ELSE null END AS text

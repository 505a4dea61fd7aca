// mode: read
// Deals passing the structured filters (a null parameter is no filter): the amount is the
// price range, the city is the property's, the industry the account's.
// example: {"city": "Lisbon", "industry": "Technology", "stage": "06-PROPOSAL", "min_price": null, "max_price": 5000000, "vectors": false}
MATCH (node:Deal)
WHERE ($stage IS NULL OR node.stage = $stage)
  AND ($min_price IS NULL OR node.amount >= $min_price)
  AND ($max_price IS NULL OR node.amount <= $max_price)
WITH node,
     CASE WHEN $city IS NULL THEN true ELSE size([(node)-[:FOR_PROPERTY]->(p:Property)
          WHERE toLower(p.city) = toLower($city) | 1]) > 0 END AS city_ok,
     CASE WHEN $industry IS NULL THEN true ELSE size([(node)<-[:HAS_DEAL]-(client:Account)
          WHERE toLower(client.industry) = toLower($industry) | 1]) > 0 END AS industry_ok
WHERE city_ok AND industry_ok
RETURN node.id AS id, CASE WHEN $vectors THEN node.embedding ELSE null END AS embedding,
       CASE WHEN $vectors THEN node.embedding_text ELSE null END AS text

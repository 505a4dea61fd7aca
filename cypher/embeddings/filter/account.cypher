// mode: read
// Accounts passing the structured filters (a null parameter is no filter); "known" and
// strength look at the team's ties to the people who work there.
// example: {"city": null, "industry": "Technology", "stage": null, "known": true, "min_strength": 10, "vectors": false}
MATCH (node:Account)
WHERE ($city IS NULL OR toLower(node.city) = toLower($city))
  AND ($stage IS NULL OR node.stage = $stage)
  AND ($industry IS NULL OR toLower(node.industry) = toLower($industry))
WITH node,
     CASE WHEN $known IS NULL OR NOT $known THEN true
          ELSE size([(node)<-[:WORKS_AT]-(person:Contact)-[:KNOWS]-(known:Member) | 1]) > 0
     END AS known_ok,
     CASE WHEN $min_strength IS NULL THEN true
          ELSE size([(node)<-[:WORKS_AT]-(staff:Contact)-[tie:KNOWS]-(strong:Member)
                     WHERE tie.strength >= $min_strength | 1]) > 0 END AS strength_ok
WHERE known_ok AND strength_ok
RETURN node.id AS id, CASE WHEN $vectors THEN node.embedding ELSE null END AS embedding,
       CASE WHEN $vectors THEN node.embedding_text ELSE null END AS text

// mode: read
// Contacts passing the structured filters (a null parameter is no filter), with their
// vectors and text when $vectors (the exact path for selective filters). Pattern tests sit
// in WITH, not in the MATCH's WHERE, which FalkorDB cannot resolve.
// example: {"city": "Lisbon", "industry": "Technology", "stage": null, "known": true, "min_strength": 10, "vectors": false}
MATCH (node:Contact)
WHERE ($city IS NULL OR toLower(node.city) = toLower($city))
  AND ($stage IS NULL OR node.lifecycle_stage = $stage)
WITH node,
     CASE WHEN $industry IS NULL THEN true ELSE size([(node)-[w:WORKS_AT]->(a:Account)
          WHERE coalesce(w.current, true) AND toLower(a.industry) = toLower($industry) | 1]) > 0
     END AS industry_ok,
     CASE WHEN $known IS NULL OR NOT $known THEN true
          ELSE size([(node)-[:KNOWS]-(known:Member) | 1]) > 0 END AS known_ok,
     CASE WHEN $min_strength IS NULL THEN true ELSE size([(node)-[tie:KNOWS]-(strong:Member)
          WHERE tie.strength >= $min_strength | 1]) > 0 END AS strength_ok
WHERE industry_ok AND known_ok AND strength_ok
RETURN node.id AS id, CASE WHEN $vectors THEN node.embedding ELSE null END AS embedding,
       CASE WHEN $vectors THEN node.embedding_text ELSE null END AS text

// mode: read
// The Contact's KNOWS ties, strongest first, with the other person's name, title and company.
// example: {"id": "ct_000001", "limit": 10}
MATCH (p:Contact {id: $id})-[k:KNOWS]-(o)
OPTIONAL MATCH (o)-[w:WORKS_AT]->(acc:Account)
WHERE w.current = true
WITH o, k, collect(acc.name) AS companies, collect(w.title) AS titles
RETURN o.id AS id, labels(o)[0] AS label, o.name AS name, coalesce(o.title, head(titles)) AS title,
       head(companies) AS company, k.strength AS strength, k.strength_band AS band,
       k.strength_trend AS trend, k.last_interaction AS last_interaction,
       k.explicit_strength AS explicit_strength
ORDER BY coalesce(k.strength, -1.0) DESC, o.id
LIMIT $limit

// mode: read
// Every knows-edge with its strength: the in-memory copy a benchmark baseline runs on.
// example: {"unscored": 10.0}
MATCH (a)-[k:KNOWS]->(b)
RETURN a.id AS a, b.id AS b, coalesce(k.strength, k.explicit_strength, $unscored) AS strength

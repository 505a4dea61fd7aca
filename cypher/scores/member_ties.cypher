// mode: read
// The team's scored ties to contacts (computed strength, else the imported one) and trend.
// example: {}
MATCH (m:Member)-[k:KNOWS]-(c:Contact)
WHERE k.strength IS NOT NULL OR k.explicit_strength IS NOT NULL
RETURN m.id AS member, c.id AS contact, coalesce(k.strength, k.explicit_strength) AS strength,
       k.strength_trend AS trend

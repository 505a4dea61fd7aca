// mode: read
// Every KNOWS edge's stored score, packed "a|b|strength|band" (validation and reports).
// example: {}
MATCH (a)-[k:KNOWS]->(b)
RETURN a.id + '|' + b.id + '|' + coalesce(toString(k.strength), '') + '|'
       + coalesce(k.strength_band, '') AS row

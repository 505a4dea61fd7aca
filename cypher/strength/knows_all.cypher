// mode: read
// Every KNOWS edge, packed into one text per row ("a|b|a_label|b_label|explicit|origins,"):
// the Python client parses a few big strings much faster than many small values.
// example: {}
MATCH (a)-[k:KNOWS]->(b)
RETURN a.id + '|' + b.id + '|' + labels(a)[0] + '|' + labels(b)[0] + '|'
       + coalesce(toString(k.explicit_strength), '') + '|'
       + reduce(s = '', o IN coalesce(k.origins, []) | s + o + ',') AS row

// mode: read
// Every KNOWS edge touching the given contacts, either direction; rows packed as in
// strength/knows_all.
// example: {"ids": ["ct_000001"]}
UNWIND $ids AS pid
MATCH (:Contact {id: pid})-[k:KNOWS]-()
WITH DISTINCT k
WITH k, startNode(k) AS a, endNode(k) AS b
RETURN a.id + '|' + b.id + '|' + labels(a)[0] + '|' + labels(b)[0] + '|'
       + coalesce(toString(k.explicit_strength), '') + '|'
       + reduce(s = '', o IN coalesce(k.origins, []) | s + o + ',') AS row

// mode: read
// The KNOWS relationship of each Member - Member pair, either stored direction, with its
// properties: read before and after the rescore that follows an import's commit, so that
// the batch's change log (and its undo) covers what the rescore created or changed
// (api.rescore_hook). Pairs without one give no row.
// example: {"rows": [{"a": "missing-a", "b": "missing-b"}]}
UNWIND $rows AS row
MATCH (a:Member {id: row.a})
MATCH (b:Member {id: row.b})
WITH a, b
MATCH (a)-[k:KNOWS]-(b)
WITH DISTINCT k
WITH k, startNode(k) AS s, endNode(k) AS e
RETURN s.id AS src, labels(s)[0] AS src_label, e.id AS dst, labels(e)[0] AS dst_label,
       properties(k) AS props

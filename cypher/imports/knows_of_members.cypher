// mode: read
// The KNOWS relationships touching the given members, either direction, with their
// properties: read before and after the rescore that follows an import's commit, so that
// the batch's change log (and its undo) covers what that rescore changed
// (api.rescore_hook).
// example: {"ids": ["missing"]}
UNWIND $ids AS pid
MATCH (:Member {id: pid})-[k:KNOWS]-()
WITH DISTINCT k
WITH k, startNode(k) AS a, endNode(k) AS b
RETURN a.id AS src, labels(a)[0] AS src_label, b.id AS dst, labels(b)[0] AS dst_label,
       properties(k) AS props

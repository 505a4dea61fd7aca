// mode: read
// Evidence of each hop of a path: the knows-edge and any employer the two shared.
// Ends are looked up by label (members or contacts) so both lookups use the id index.
// example: {"pairs": [{"a": "mem_0001", "b": "ct_000001"}]}
UNWIND $pairs AS pair
OPTIONAL MATCH (xm:Member {id: pair.a})
OPTIONAL MATCH (xc:Contact {id: pair.a})
OPTIONAL MATCH (ym:Member {id: pair.b})
OPTIONAL MATCH (yc:Contact {id: pair.b})
WITH pair, coalesce(xm, xc) AS x, coalesce(ym, yc) AS y
MATCH (x)-[k:KNOWS]-(y)
OPTIONAL MATCH (x)-[wx:WORKS_AT]->(acc:Account)<-[wy:WORKS_AT]-(y)
RETURN pair.a AS a, pair.b AS b, k.strength AS strength, k.explicit_strength AS explicit,
       k.interaction_count AS interactions, k.last_seen AS last_seen, k.origins AS origins,
       collect(CASE WHEN acc IS NULL THEN NULL ELSE {account: acc.name,
               a_start: wx.start, a_end: wx.end, b_start: wy.start, b_end: wy.end} END)
         AS shared

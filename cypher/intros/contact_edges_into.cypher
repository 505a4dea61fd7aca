// mode: read
// KNOWS edges from the given contacts to the nodes in $into only: the last hop of a search
// needs just the edges between the two frontiers, and returning few rows is what is fast.
// Rows as in contact_edges.
// example: {"ids": ["ct_000001"], "into": ["ct_000002"], "unscored": 10.0}
UNWIND $ids AS id
MATCH (a:Contact {id: id})-[k:KNOWS]-(b)
WHERE b.id IN $into
RETURN a.id AS a, b.id AS b, coalesce(k.strength, k.explicit_strength, $unscored) AS strength,
       CASE WHEN b.do_not_contact = true THEN 1 ELSE 0 END
       + CASE WHEN b:Member THEN 2 ELSE 0 END
       + CASE WHEN b.introducer_opt_out = true THEN 4 ELSE 0 END AS flags

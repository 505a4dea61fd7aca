// mode: read
// KNOWS edges between any member and the given contacts: the team's first hops into a
// neighbourhood found from the target side, without pulling every member's network.
// Rows as in contact_edges, plus the member's own opt-out flag.
// example: {"ids": ["ct_000001"], "unscored": 10.0}
UNWIND $ids AS id
MATCH (b:Contact {id: id})-[k:KNOWS]-(a:Member)
RETURN a.id AS a, b.id AS b, coalesce(k.strength, k.explicit_strength, $unscored) AS strength,
       CASE WHEN b.do_not_contact = true THEN 1 ELSE 0 END AS flags,
       coalesce(a.introducer_opt_out, false) AS member_opt_out

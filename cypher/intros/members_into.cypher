// mode: read
// KNOWS edges between any member and the given contacts: the team's first hops into a
// neighbourhood found from the target side, without pulling every member's network.
// example: {"ids": ["ct_000001"], "unscored": 10.0}
UNWIND $ids AS id
MATCH (b:Contact {id: id})-[k:KNOWS]-(a:Member)
RETURN a.id AS a, b.id AS b, 'Contact' AS label,
       coalesce(k.strength, k.explicit_strength, $unscored) AS strength,
       coalesce(b.do_not_contact, false) AS dnc,
       coalesce(b.introducer_opt_out, false) AS opt_out,
       coalesce(a.introducer_opt_out, false) AS member_opt_out

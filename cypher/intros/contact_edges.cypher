// mode: read
// KNOWS edges of the given contacts, with what the path rules need about the other end.
// Unscored edges fall back to an imported explicit strength, then to $unscored.
// example: {"ids": ["ct_000001"], "unscored": 10.0}
UNWIND $ids AS id
MATCH (a:Contact {id: id})-[k:KNOWS]-(b)
RETURN a.id AS a, b.id AS b, labels(b)[0] AS label,
       coalesce(k.strength, k.explicit_strength, $unscored) AS strength,
       coalesce(b.do_not_contact, false) AS dnc,
       coalesce(b.introducer_opt_out, false) AS opt_out

// mode: read
// KNOWS edges of the given contacts. Four values a row (the result transfer is the cost):
// flags = 1 do-not-contact + 2 a member + 4 opted out of introducing. Unscored edges fall
// back to an imported explicit strength, then to $unscored.
// example: {"ids": ["ct_000001"], "unscored": 10.0}
UNWIND $ids AS id
MATCH (a:Contact {id: id})-[k:KNOWS]-(b)
RETURN a.id AS a, b.id AS b, coalesce(k.strength, k.explicit_strength, $unscored) AS strength,
       CASE WHEN b.do_not_contact = true THEN 1 ELSE 0 END
       + CASE WHEN b:Member THEN 2 ELSE 0 END
       + CASE WHEN b.introducer_opt_out = true THEN 4 ELSE 0 END AS flags

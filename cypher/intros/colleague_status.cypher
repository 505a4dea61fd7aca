// mode: read
// For each target, which candidate introducers work (current) or worked (former) at the
// target's current employer: current colleagues are preferred, former ones discounted.
// example: {"targets": ["ct_000001"], "candidates": ["ct_000002"]}
UNWIND $targets AS tid
MATCH (t:Contact {id: tid})-[:WORKS_AT {current: true}]->(acc:Account)<-[w:WORKS_AT]-(u:Contact)
WHERE u.id IN $candidates AND u.id <> tid
RETURN tid AS target, u.id AS candidate, acc.id AS account, w.current AS current

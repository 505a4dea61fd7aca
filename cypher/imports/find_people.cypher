// mode: read
// Members and Contacts by id or email: endpoints of an imported edge list.
// example: {"keys": ["ana@example.com", "ct_1"]}
MATCH (n)
WHERE (n:Member OR n:Contact) AND (n.id IN $keys OR n.email IN $keys)
RETURN n.id AS id, labels(n)[0] AS label, n.email AS email

// mode: read
// Nodes per label (a node with several labels counts once per label).
MATCH (n)
UNWIND labels(n) AS label
RETURN label, count(*) AS count
ORDER BY label

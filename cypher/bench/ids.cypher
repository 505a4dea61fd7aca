// mode: read
// Ids of every node of a label, for benchmarks to sample from (labels are matched by
// value so one query serves every label).
// example: {"label": "Member"}
MATCH (n)
WHERE $label IN labels(n)
RETURN n.id AS id
ORDER BY id

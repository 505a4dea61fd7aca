// mode: read
// One row when the graph holds at least one node; cheap emptiness check.
MATCH (n)
RETURN n.id AS id
LIMIT 1

// mode: write
// Test-only: n anonymous contacts, enough to make a cartesian product slow.
// example: {"n": 3}
UNWIND range(1, $n) AS i
CREATE (:Contact {id: 'bulk_' + toString(i), name: 'Bulk ' + toString(i)})
RETURN count(*) AS created

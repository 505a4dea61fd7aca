// mode: read
// A account's properties, for a merge.
// example: {"id": "acc_00001"}
MATCH (n:Account {id: $id})
RETURN properties(n) AS props

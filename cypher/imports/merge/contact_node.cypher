// mode: read
// A contact's properties, for a merge.
// example: {"id": "ct_000001"}
MATCH (n:Contact {id: $id})
RETURN properties(n) AS props

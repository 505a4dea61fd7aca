// mode: read
// One Deal by id, every property (the API keeps the model's fields).
// example: {"id": "example-deal"}
MATCH (n:Deal {id: $id})
RETURN properties(n) AS node

// mode: read
// One Member by id, every property (the API keeps the model's fields).
// example: {"id": "example-member"}
MATCH (n:Member {id: $id})
RETURN properties(n) AS node

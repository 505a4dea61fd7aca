// mode: read
// One Contact by id, every property (the API keeps the model's fields).
// example: {"id": "example-contact"}
MATCH (n:Contact {id: $id})
RETURN properties(n) AS node

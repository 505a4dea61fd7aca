// mode: read
// One Account by id, every property (the API keeps the model's fields).
// example: {"id": "example-account"}
MATCH (n:Account {id: $id})
RETURN properties(n) AS node

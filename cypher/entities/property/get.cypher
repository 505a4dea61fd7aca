// mode: read
// One Property by id, every property (the API keeps the model's fields).
// example: {"id": "example-property"}
MATCH (n:Property {id: $id})
RETURN properties(n) AS node

// mode: write
// Test-only: a plain CREATE, so a duplicate id hits the unique constraint.
// example: {"id": "ct_example", "name": "Example"}
CREATE (c:Contact {id: $id, name: $name})
RETURN c.id AS id

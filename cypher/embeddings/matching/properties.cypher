// mode: read
// The facts property matching weighs, for candidate properties.
// example: {"ids": ["prop_1"]}
UNWIND $ids AS pid
MATCH (p:Property {id: pid})
RETURN p.id AS id, p.title AS title, p.type AS type, p.city AS city, p.price AS price,
       p.status AS status

// mode: read
// Identity-resolution candidates among Contacts by id (ids found through the batch's key
// index); with the accounts they work at for the name+company rule.
// example: {"ids": ["ct_1"]}
UNWIND $ids AS x
MATCH (c:Contact {id: x})
OPTIONAL MATCH (c)-[:WORKS_AT]->(a:Account)
RETURN c.id AS id, properties(c) AS props, collect(a.name) AS companies

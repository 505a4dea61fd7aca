// mode: read
// Identity-resolution candidates among Contacts by primary email, through the email index
// (one lookup per address); with the accounts they work at for the name+company rule.
// example: {"emails": ["a@example.com"]}
UNWIND $emails AS e
MATCH (c:Contact {email: e})
OPTIONAL MATCH (c)-[:WORKS_AT]->(a:Account)
RETURN c.id AS id, properties(c) AS props, collect(a.name) AS companies

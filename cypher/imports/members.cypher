// mode: read
// Every member's id and email: mail imports tell members from contacts by address.
// example: {}
MATCH (m:Member)
RETURN m.id AS id, m.email AS email

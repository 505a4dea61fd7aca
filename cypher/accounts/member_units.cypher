// mode: read
// Every team member's name and business unit (the owner columns of the account summaries).
// example: {}
MATCH (m:Member)
RETURN m.id AS id, m.name AS name, m.business_unit AS business_unit

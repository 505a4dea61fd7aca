// mode: read
// Deals per owning member (count and amount) among the given stages, biggest first.
// example: {"stages": ["06-PROPOSAL"]}
MATCH (m:Member)-[:OWNS]->(d:Deal)
WHERE d.stage IN $stages
RETURN m.id AS id, m.name AS owner, count(d) AS deals, sum(coalesce(d.amount, 0.0)) AS amount
ORDER BY amount DESC, id

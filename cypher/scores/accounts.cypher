// mode: read
// Every account's firmographics, stage, tier and owners.
// example: {}
MATCH (a:Account)
OPTIONAL MATCH (m:Member)-[:OWNS]->(a)
RETURN a.id AS id, a.name AS name, a.industry AS industry, a.segment AS segment,
       a.employees AS employees, a.city AS city, a.country AS country, a.stage AS stage,
       a.tier AS tier, collect(DISTINCT m.id) AS owners

// mode: read
// One account's own facts and its open pipeline.
// example: {"account": "acc_00001", "open_stages": ["06-PROPOSAL"]}
MATCH (a:Account {id: $account})
OPTIONAL MATCH (a)-[:HAS_DEAL]->(d:Deal)
WHERE d.stage IN $open_stages
OPTIONAL MATCH (m:Member)-[:OWNS]->(a)
RETURN a.id AS id, a.name AS name, a.stage AS stage, a.tier AS tier, a.industry AS industry,
       a.city AS city, a.employees AS employees, collect(DISTINCT m.name)[0] AS owner,
       count(DISTINCT d) AS open_deals, sum(coalesce(d.amount, 0.0)) AS open_amount

// mode: read
// Identity-resolution candidates among Deals: same external id or name (lower case).
// example: {"ext": ["hubspot:77"], "names": ["acme renewal"]}
MATCH (d:Deal)
WHERE any(x IN coalesce(d.external_ids, []) WHERE x IN $ext) OR toLower(d.name) IN $names
OPTIONAL MATCH (a:Account)-[:HAS_DEAL]->(d)
RETURN d.id AS id, properties(d) AS props, collect(a.name) AS companies

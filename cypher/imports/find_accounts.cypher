// mode: read
// Identity-resolution candidates among Accounts: same domain, external id or name (lower case).
// example: {"domains": ["example.com"], "ext": ["hubspot:9"], "names": ["acme"]}
MATCH (a:Account)
WHERE a.domain IN $domains
   OR any(x IN coalesce(a.external_ids, []) WHERE x IN $ext)
   OR toLower(a.name) IN $names
RETURN a.id AS id, properties(a) AS props

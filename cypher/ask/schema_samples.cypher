// mode: read
// A few sample values of the enumerated properties, for the text-to-Cypher prompt.
// example: {}
MATCH (a:Account) RETURN 'Account.stage' AS key, collect(DISTINCT a.stage) AS values
UNION MATCH (a:Account) RETURN 'Account.tier' AS key, collect(DISTINCT a.tier) AS values
UNION MATCH (a:Account) RETURN 'Account.industry' AS key, collect(DISTINCT a.industry) AS values
UNION MATCH (a:Account) RETURN 'Account.city' AS key, collect(DISTINCT a.city) AS values
UNION MATCH (d:Deal) RETURN 'Deal.stage' AS key, collect(DISTINCT d.stage) AS values
UNION MATCH (p:Property) RETURN 'Property.type' AS key, collect(DISTINCT p.type) AS values
UNION MATCH (p:Property) RETURN 'Property.status' AS key, collect(DISTINCT p.status) AS values
UNION MATCH (c:Contact) RETURN 'Contact.seniority' AS key, collect(DISTINCT c.seniority) AS values
UNION MATCH (i:Interaction) RETURN 'Interaction.kind' AS key, collect(DISTINCT i.kind) AS values

// mode: read
// Distinct filter values the planner recognises in questions (cities, industries ...).
// example: {}
MATCH (a:Account) RETURN DISTINCT 'city' AS kind, a.city AS value
UNION MATCH (p:Property) RETURN DISTINCT 'city' AS kind, p.city AS value
UNION MATCH (c:Contact) RETURN DISTINCT 'city' AS kind, c.city AS value
UNION MATCH (a:Account) RETURN DISTINCT 'industry' AS kind, a.industry AS value
UNION MATCH (a:Account) RETURN DISTINCT 'country' AS kind, a.country AS value
UNION MATCH (p:Property) RETURN DISTINCT 'district' AS kind, p.district AS value
UNION MATCH (m:Member) RETURN DISTINCT 'unit' AS kind, m.business_unit AS value
UNION MATCH (c:Contact) RETURN DISTINCT 'department' AS kind, c.department AS value

// mode: read
// Facts about contacts and members by id: the rules' inputs and what an answer shows.
// example: {"ids": ["ct_000001", "mem_0001"]}
UNWIND $ids AS id
OPTIONAL MATCH (c:Contact {id: id})
OPTIONAL MATCH (c)-[w:WORKS_AT {current: true}]->(acc:Account)
OPTIONAL MATCH (m:Member {id: id})
WITH id, c, m, collect(acc.name)[0] AS company, collect(w.title)[0] AS job_title
WHERE c IS NOT NULL OR m IS NOT NULL
RETURN id, CASE WHEN c IS NULL THEN 'Member' ELSE 'Contact' END AS label,
       coalesce(c.name, m.name) AS name, coalesce(job_title, c.title, m.title) AS title,
       coalesce(company, m.business_unit) AS company, coalesce(c.email, m.email) AS email,
       coalesce(c.do_not_contact, false) AS dnc,
       coalesce(m.introducer_opt_out, false) AS opt_out

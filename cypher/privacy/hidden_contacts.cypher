// mode: read
// Which of these contacts the viewer may not see as records: every member tie to them is
// personal (LinkedIn, social) and belongs to another member who has not shared their network,
// and they take no part in a deal. Intro paths still go through them.
// example: {"ids": ["ct_1"], "viewer": "mem_1", "personal": ["LINKEDIN", "SOCIAL"]}
UNWIND $ids AS id
MATCH (n:Contact {id: id})
WITH n, [(m:Member)-[k:KNOWS]-(n) | {own: m.id = coalesce($viewer, '') OR coalesce(m.shares_network, false) = true,
        personal: size(coalesce(k.origins, [])) > 0
                  AND size([o IN coalesce(k.origins, []) WHERE NOT o IN $personal]) = 0}] AS ties,
     size([(n)-[:STAKEHOLDER_IN]->() | 1]) AS stakes
WHERE size(ties) > 0 AND size([t IN ties WHERE t.own OR NOT t.personal]) = 0
  AND stakes = 0
RETURN n.id AS id

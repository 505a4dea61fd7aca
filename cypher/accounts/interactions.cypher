// mode: read
// One page of the interactions with an account's people (current or former), newest
// first; keyset cursor: strictly after ($before_at, $before_id) in (at DESC, id) order,
// $before_at null for the first page (FalkorDB compares far-future datetimes such as
// 2100-01-01 wrongly, so there is no "end of time" sentinel). Every participant comes with
// their label and role.
// example: {"account": "acc_00001", "before_at": null, "before_id": "", "limit": 20}
MATCH (:Account {id: $account})<-[:WORKS_AT]-(:Contact)-[:PARTICIPATED_IN]->(i:Interaction)
WITH DISTINCT i
WHERE $before_at IS NULL OR i.at < localdatetime($before_at)
   OR (i.at = localdatetime($before_at) AND i.id > $before_id)
RETURN i.id AS id, i.kind AS kind, i.at AS at, i.subject AS subject, i.summary AS summary,
       i.duration_minutes AS duration_minutes,
       [(p)-[r:PARTICIPATED_IN]->(i) WHERE p:Member OR p:Contact |
        {id: p.id, name: p.name, label: labels(p)[0], role: r.role}] AS people
ORDER BY at DESC, id
LIMIT $limit

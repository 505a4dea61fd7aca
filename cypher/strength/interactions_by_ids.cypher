// mode: read
// The given interactions with every participant (incremental rescoring); rows packed as in
// strength/interactions_page.
// example: {"ids": ["int_0000001"]}
UNWIND $ids AS iid
MATCH (i:Interaction {id: iid})
OPTIONAL MATCH (p)-[r:PARTICIPATED_IN]->(i)
WITH i, collect(p.id + ' ' + labels(p)[0] + ' ' + r.role) AS people
RETURN i.id + '|' + i.kind + '|' + coalesce(toString(i.at), '') + '|'
       + coalesce(toString(i.participant_count), '') + '|'
       + CASE WHEN i.thread_id IS NOT NULL AND i.thread_id <> coalesce(i.message_id, '')
              THEN 'R' ELSE '' END + '|'
       + reduce(s = '', x IN people | s + x + ';') AS row

// mode: read
// One page of interactions (ordered by id, after $after) with every participant, for scoring.
// Each row is packed into one text ("id|kind|at|participant_count|R if a reply|participants")
// with participants "id label role;...": the Python client parses a few big strings much
// faster than many small values (ids never contain '|', ';' or spaces).
// example: {"after": "", "limit": 1000}
MATCH (i:Interaction)
WHERE i.id > $after
WITH i ORDER BY i.id LIMIT $limit
OPTIONAL MATCH (p)-[r:PARTICIPATED_IN]->(i)
WITH i, collect(p.id + ' ' + labels(p)[0] + ' ' + r.role) AS people
RETURN i.id + '|' + i.kind + '|' + coalesce(toString(i.at), '') + '|'
       + coalesce(toString(i.participant_count), '') + '|'
       + CASE WHEN i.thread_id IS NOT NULL AND i.thread_id <> coalesce(i.message_id, '')
              THEN 'R' ELSE '' END + '|'
       + reduce(s = '', x IN people | s + x + ';') AS row

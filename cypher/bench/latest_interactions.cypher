// mode: read
// The most recent interaction ids (by id), for an incremental-rescore sample.
// example: {"limit": 100}
MATCH (i:Interaction)
RETURN i.id AS id
ORDER BY id DESC
LIMIT $limit

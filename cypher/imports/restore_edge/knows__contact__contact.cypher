// mode: write
// Undo of an import: put back the properties a KNOWS Contact -> Contact had before the
// batch (or before the rescore that followed its commit, scores included).
// example: {"rows": [{"src": "missing-a", "dst": "missing-b", "props": {}}]}
UNWIND $rows AS row
MATCH (a:Contact {id: row.src})
WITH a, row
MATCH (b:Contact {id: row.dst})
WITH a, b, row
MATCH (a)-[r:KNOWS]->(b)
SET r = row.props
SET r.first_seen = localdatetime(row.first_seen),
    r.last_seen = localdatetime(row.last_seen),
    r.last_interaction = localdatetime(row.last_interaction),
    r.scored_at = localdatetime(row.scored_at)
RETURN count(r) AS restored

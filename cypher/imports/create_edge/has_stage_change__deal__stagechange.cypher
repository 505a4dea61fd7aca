// mode: write
// Create the new HAS_STAGE_CHANGE relationships Deal -> StageChange an import adds to a node it creates:
// no existing relationship to look for, which a MERGE would.
// example: {"rows": [{"src": "missing-a", "dst": "missing-b", "props": {}}]}
UNWIND $rows AS row
MATCH (a:Deal {id: row.src})
MATCH (b:StageChange {id: row.dst})
CREATE (a)-[r:HAS_STAGE_CHANGE]->(b)
SET r += row.props
RETURN count(r) AS loaded

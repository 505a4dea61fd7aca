// mode: write
// Create the new HAS_DEAL relationships Account -> Deal an import adds to a node it creates:
// no existing relationship to look for, which a MERGE would.
// example: {"rows": [{"src": "missing-a", "dst": "missing-b", "props": {}}]}
UNWIND $rows AS row
MATCH (a:Account {id: row.src})
MATCH (b:Deal {id: row.dst})
CREATE (a)-[r:HAS_DEAL]->(b)
SET r += row.props
RETURN count(r) AS loaded

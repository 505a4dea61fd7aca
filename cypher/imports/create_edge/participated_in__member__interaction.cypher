// mode: write
// Create the new PARTICIPATED_IN relationships Member -> Interaction an import adds to a node it creates:
// no existing relationship to look for, which a MERGE would.
// example: {"rows": [{"src": "missing-a", "dst": "missing-b", "props": {}}]}
UNWIND $rows AS row
MATCH (a:Member {id: row.src})
MATCH (b:Interaction {id: row.dst})
CREATE (a)-[r:PARTICIPATED_IN]->(b)
SET r += row.props
RETURN count(r) AS loaded

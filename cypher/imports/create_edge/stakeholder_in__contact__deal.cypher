// mode: write
// Create the new STAKEHOLDER_IN relationships Contact -> Deal an import adds to a node it creates:
// no existing relationship to look for, which a MERGE would.
// example: {"rows": [{"src": "missing-a", "dst": "missing-b", "props": {}}]}
UNWIND $rows AS row
MATCH (a:Contact {id: row.src})
MATCH (b:Deal {id: row.dst})
CREATE (a)-[r:STAKEHOLDER_IN]->(b)
SET r += row.props
RETURN count(r) AS loaded

// mode: write
// Create or update PARTICIPATED_IN relationships Member -> Interaction from an import (field level).
// example: {"rows": [{"src": "missing-a", "dst": "missing-b", "props": {}}]}
UNWIND $rows AS row
MATCH (a:Member {id: row.src})
MATCH (b:Interaction {id: row.dst})
MERGE (a)-[r:PARTICIPATED_IN]->(b)
SET r += row.props
RETURN count(r) AS loaded

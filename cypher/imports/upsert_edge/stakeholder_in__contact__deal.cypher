// mode: write
// Create or update STAKEHOLDER_IN relationships Contact -> Deal from an import (field level).
// example: {"rows": [{"src": "missing-a", "dst": "missing-b", "props": {}}]}
UNWIND $rows AS row
MATCH (a:Contact {id: row.src})
MATCH (b:Deal {id: row.dst})
MERGE (a)-[r:STAKEHOLDER_IN]->(b)
SET r += row.props
RETURN count(r) AS loaded

// mode: write
// Create or update HAS_STAGE_CHANGE relationships Deal -> StageChange from an import (field level).
// example: {"rows": [{"src": "missing-a", "dst": "missing-b", "props": {}}]}
UNWIND $rows AS row
MATCH (a:Deal {id: row.src})
MATCH (b:StageChange {id: row.dst})
MERGE (a)-[r:HAS_STAGE_CHANGE]->(b)
SET r += row.props
RETURN count(r) AS loaded

// mode: write
// Create or update HAS_DEAL relationships Account -> Deal from an import (field level).
// example: {"rows": [{"src": "missing-a", "dst": "missing-b", "props": {}}]}
UNWIND $rows AS row
MATCH (a:Account {id: row.src})
MATCH (b:Deal {id: row.dst})
MERGE (a)-[r:HAS_DEAL]->(b)
SET r += row.props
RETURN count(r) AS loaded

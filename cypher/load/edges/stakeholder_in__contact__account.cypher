// mode: write
// Upsert STAKEHOLDER_IN relationships Contact -> Account; rows whose endpoints are missing are not loaded.
// example: {"rows": [{"src": "missing-a", "dst": "missing-b", "props": {}}]}
UNWIND $rows AS row
MATCH (a:Contact {id: row.src})
MATCH (b:Account {id: row.dst})
MERGE (a)-[r:STAKEHOLDER_IN]->(b)
SET r += row.props
RETURN count(r) AS loaded

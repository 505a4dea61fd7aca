// mode: write
// Upsert INTERESTED_IN relationships Contact -> Property; rows whose endpoints are missing are not loaded.
// example: {"rows": [{"src": "missing-a", "dst": "missing-b", "props": {}}]}
UNWIND $rows AS row
MATCH (a:Contact {id: row.src})
MATCH (b:Property {id: row.dst})
MERGE (a)-[r:INTERESTED_IN]->(b)
SET r += row.props,
    r.since = date(row.since)
RETURN count(r) AS loaded

// mode: write
// Remove the merged-away account and its relationships (already copied to the survivor).
// example: {"id": "missing-account"}
MATCH (n:Account {id: $id})
DETACH DELETE n
RETURN count(*) AS deleted

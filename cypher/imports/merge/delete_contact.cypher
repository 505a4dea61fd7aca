// mode: write
// Remove the merged-away contact and its relationships (already copied to the survivor).
// example: {"id": "missing-contact"}
MATCH (n:Contact {id: $id})
DETACH DELETE n
RETURN count(*) AS deleted

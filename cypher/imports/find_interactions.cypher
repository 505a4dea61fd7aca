// mode: read
// Interactions already in the graph with one of these Message-IDs (mail imports dedup on it).
// example: {"ids": ["<abc@mail.example>"]}
MATCH (i:Interaction)
WHERE i.message_id IN $ids
RETURN i.id AS id, properties(i) AS props

// mode: read
// Interactions already in the graph with one of these Message-IDs (mail imports dedup on it),
// one indexed lookup per id.
// example: {"ids": ["<abc@mail.example>"]}
UNWIND $ids AS mid
MATCH (i:Interaction {message_id: mid})
RETURN i.id AS id, properties(i) AS props

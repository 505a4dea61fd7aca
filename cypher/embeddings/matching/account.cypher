// mode: read
// An account's stated interests and the properties of its deals, with their vectors: the
// profile property matching starts from. Comprehension variables are all distinct
// (FalkorDB mixes up a name reused across comprehensions).
// example: {"id": "acc_1"}
MATCH (n:Account {id: $id})
RETURN n.id AS id, n.name AS name, n.embedding AS embedding,
       [(n)-[i:INTERESTED_IN]->(p1:Property) |
        {id: p1.id, type: p1.type, city: p1.city, price: p1.price, embedding: p1.embedding,
         level: i.level, relation: 'interested'}] AS interests,
       [(n)-[:HAS_DEAL]->(d:Deal)-[:FOR_PROPERTY]->(p2:Property) |
        {id: p2.id, type: p2.type, city: p2.city, price: p2.price, embedding: p2.embedding,
         stage: d.stage, relation: 'deal'}] AS deals

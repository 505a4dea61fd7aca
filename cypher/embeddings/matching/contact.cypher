// mode: read
// A contact's own interests and deals, and those of the company they work at, with the
// property vectors: the profile property matching starts from.
// example: {"id": "ct_1"}
MATCH (n:Contact {id: $id})
RETURN n.id AS id, n.name AS name, n.embedding AS embedding,
       [(n)-[i:INTERESTED_IN]->(p1:Property) |
        {id: p1.id, type: p1.type, city: p1.city, price: p1.price, embedding: p1.embedding,
         level: i.level, relation: 'interested'}] +
       [(n)-[w:WORKS_AT]->(a:Account)-[j:INTERESTED_IN]->(p3:Property)
        WHERE coalesce(w.current, true) |
        {id: p3.id, type: p3.type, city: p3.city, price: p3.price, embedding: p3.embedding,
         level: j.level, relation: 'company interested'}] AS interests,
       [(n)-[:STAKEHOLDER_IN]->(d:Deal)-[:FOR_PROPERTY]->(p2:Property) |
        {id: p2.id, type: p2.type, city: p2.city, price: p2.price, embedding: p2.embedding,
         stage: d.stage, relation: 'deal'}] +
       [(n)-[v:WORKS_AT]->(b:Account)-[:HAS_DEAL]->(e:Deal)-[:FOR_PROPERTY]->(p4:Property)
        WHERE coalesce(v.current, true) |
        {id: p4.id, type: p4.type, city: p4.city, price: p4.price, embedding: p4.embedding,
         stage: e.stage, relation: 'company deal'}] AS deals

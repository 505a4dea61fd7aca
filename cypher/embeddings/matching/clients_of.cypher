// mode: read
// The clients who showed interest in, or made deals on, each of these properties.
// example: {"ids": ["prop_1"]}
UNWIND $ids AS pid
MATCH (p:Property {id: pid})
RETURN pid AS id,
       [(p)<-[i:INTERESTED_IN]-(c) | {id: c.id, name: c.name, label: labels(c)[0],
                                      level: i.level, relation: 'interested'}] AS interested,
       [(p)<-[:FOR_PROPERTY]-(d:Deal)<-[:HAS_DEAL]-(a:Account) |
        {id: a.id, name: a.name, label: 'Account', stage: d.stage, relation: 'deal'}] AS deals

// mode: schema
// Exact-match indexes; the adapter adds GRAPH.CONSTRAINT UNIQUE on id per label
// (a Redis command, not Cypher). Re-running reports 'already indexed', which is ignored.
CREATE INDEX FOR (n:Member) ON (n.id);
CREATE INDEX FOR (n:Account) ON (n.id);
CREATE INDEX FOR (n:Contact) ON (n.id);
CREATE INDEX FOR (n:Property) ON (n.id);
CREATE INDEX FOR (n:Deal) ON (n.id);
CREATE INDEX FOR (n:StageChange) ON (n.id);
CREATE INDEX FOR (n:Interaction) ON (n.id);
CREATE INDEX FOR (n:Member) ON (n.email);
CREATE INDEX FOR (n:Contact) ON (n.email);
CREATE INDEX FOR (n:Contact) ON (n.linkedin_url);
CREATE INDEX FOR (n:Contact) ON (n.name);
CREATE INDEX FOR (n:Account) ON (n.domain);
CREATE INDEX FOR (n:Account) ON (n.name);
CREATE INDEX FOR (n:Deal) ON (n.stage);
CREATE INDEX FOR (n:Property) ON (n.status);
CREATE INDEX FOR (n:Property) ON (n.city);
CREATE INDEX FOR (n:Interaction) ON (n.at);
CREATE INDEX FOR (n:Interaction) ON (n.message_id);

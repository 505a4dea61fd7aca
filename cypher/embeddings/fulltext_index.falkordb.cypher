// mode: schema
// Full-text indexes over each searchable label's name and embedding text (which carries its
// graph context). Re-running reports 'already indexed', which is ignored.
CREATE FULLTEXT INDEX FOR (n:Contact) ON (n.name, n.embedding_text);
CREATE FULLTEXT INDEX FOR (n:Account) ON (n.name, n.embedding_text);
CREATE FULLTEXT INDEX FOR (n:Property) ON (n.title, n.embedding_text);
CREATE FULLTEXT INDEX FOR (n:Deal) ON (n.name, n.embedding_text);

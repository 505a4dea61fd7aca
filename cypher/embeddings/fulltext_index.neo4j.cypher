// mode: schema
// Full-text indexes over each searchable label's name and embedding text (which carries its
// graph context). Idempotent: IF NOT EXISTS.
CREATE FULLTEXT INDEX contact_text IF NOT EXISTS FOR (n:Contact) ON EACH [n.name, n.embedding_text];
CREATE FULLTEXT INDEX account_text IF NOT EXISTS FOR (n:Account) ON EACH [n.name, n.embedding_text];
CREATE FULLTEXT INDEX property_text IF NOT EXISTS FOR (n:Property) ON EACH [n.title, n.embedding_text];
CREATE FULLTEXT INDEX deal_text IF NOT EXISTS FOR (n:Deal) ON EACH [n.name, n.embedding_text];

// mode: schema
// Unique id per label plus lookup indexes. Idempotent: IF NOT EXISTS.
CREATE CONSTRAINT member_id IF NOT EXISTS FOR (n:Member) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT account_id IF NOT EXISTS FOR (n:Account) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT contact_id IF NOT EXISTS FOR (n:Contact) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT property_id IF NOT EXISTS FOR (n:Property) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT deal_id IF NOT EXISTS FOR (n:Deal) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT stagechange_id IF NOT EXISTS FOR (n:StageChange) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT interaction_id IF NOT EXISTS FOR (n:Interaction) REQUIRE n.id IS UNIQUE;
CREATE INDEX member_email IF NOT EXISTS FOR (n:Member) ON (n.email);
CREATE INDEX contact_email IF NOT EXISTS FOR (n:Contact) ON (n.email);
CREATE INDEX contact_linkedin_url IF NOT EXISTS FOR (n:Contact) ON (n.linkedin_url);
CREATE INDEX contact_name IF NOT EXISTS FOR (n:Contact) ON (n.name);
CREATE INDEX account_domain IF NOT EXISTS FOR (n:Account) ON (n.domain);
CREATE INDEX account_name IF NOT EXISTS FOR (n:Account) ON (n.name);
CREATE INDEX deal_stage IF NOT EXISTS FOR (n:Deal) ON (n.stage);
CREATE INDEX property_status IF NOT EXISTS FOR (n:Property) ON (n.status);
CREATE INDEX property_city IF NOT EXISTS FOR (n:Property) ON (n.city);
CREATE INDEX interaction_at IF NOT EXISTS FOR (n:Interaction) ON (n.at);
CREATE INDEX interaction_message_id IF NOT EXISTS FOR (n:Interaction) ON (n.message_id);

-- Issue 3: collector messageId dedupe window, Segment group -> account.

-- Segment messageIds seen recently (docs/decisions/0007: the dedupe window). The primary key is what
-- makes a re-sent message a no-op on every node sharing the database; rows older than the window are
-- pruned by seen_at.
CREATE TABLE collector_message (
    message_id  TEXT PRIMARY KEY,
    seen_at     BIGINT NOT NULL
);
CREATE INDEX ix_collector_message_seen ON collector_message (seen_at);

-- An account recognised by an id from elsewhere: a Segment groupId, a CRM account id.
ALTER TABLE account ADD COLUMN external_id TEXT;
CREATE UNIQUE INDEX ux_account_external_id ON account (external_id);

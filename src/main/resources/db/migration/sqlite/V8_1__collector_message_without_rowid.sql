-- SQLite only, on the still-empty table of V8: WITHOUT ROWID makes the message_id key the table itself, so
-- remembering a messageId is one B-tree insert (plus the seen_at index) instead of a rowid table, its
-- primary-key index and the seen_at index. The collector writes one row per event.
DROP TABLE collector_message;
CREATE TABLE collector_message (
    message_id  TEXT PRIMARY KEY,
    seen_at     BIGINT NOT NULL
) WITHOUT ROWID;
CREATE INDEX ix_collector_message_seen ON collector_message (seen_at);

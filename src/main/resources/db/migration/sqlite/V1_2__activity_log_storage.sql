-- SQLite only, on the still-empty tables of V1.
-- activity: INTEGER PRIMARY KEY makes the id the rowid itself, so an append writes one B-tree (in id
-- order, always at its right edge) instead of a rowid table plus a separate primary-key index.
-- activity_subject: WITHOUT ROWID, so the key is the table and each entry is one B-tree insert.
DROP TABLE activity;
CREATE TABLE activity (
    id             INTEGER PRIMARY KEY,
    occurred_at    BIGINT NOT NULL,
    recorded_at    BIGINT NOT NULL,
    activity_type  TEXT NOT NULL,
    contact_id     BIGINT,
    account_id     BIGINT,
    campaign_id    BIGINT,
    channel        TEXT,
    utm_source     TEXT,
    utm_medium     TEXT,
    utm_campaign   TEXT,
    utm_term       TEXT,
    utm_content    TEXT,
    props          TEXT
);

DROP TABLE activity_subject;
CREATE TABLE activity_subject (
    subject_kind  SMALLINT NOT NULL,
    subject_id    BIGINT NOT NULL,
    occurred_at   BIGINT NOT NULL,
    activity_id   BIGINT NOT NULL,
    activity_type TEXT NOT NULL,
    PRIMARY KEY (subject_kind, subject_id, occurred_at, activity_id)
) WITHOUT ROWID;

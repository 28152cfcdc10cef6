-- SQLite only: engagement_daily is the rollup processor's hottest table (one row per subject, day and
-- activity type). As a WITHOUT ROWID table its primary key is the table itself, so each upsert
-- maintains one B-tree instead of a rowid table plus the primary-key index. Same columns and key.
CREATE TABLE engagement_daily_keyed (
    subject_kind    TEXT NOT NULL,
    subject_id      BIGINT NOT NULL,
    epoch_day       INTEGER NOT NULL,
    activity_type   TEXT NOT NULL,
    activity_count  BIGINT NOT NULL,
    PRIMARY KEY (subject_kind, subject_id, epoch_day, activity_type)
) WITHOUT ROWID;

INSERT INTO engagement_daily_keyed (subject_kind, subject_id, epoch_day, activity_type, activity_count)
SELECT subject_kind, subject_id, epoch_day, activity_type, activity_count FROM engagement_daily;

DROP TABLE engagement_daily;

ALTER TABLE engagement_daily_keyed RENAME TO engagement_daily;

-- Baton foundation schema. Portable across SQLite and PostgreSQL:
-- ids are app-generated 64-bit TSIDs, times are epoch milliseconds (UTC),
-- money is BIGINT minor units, JSON lives in TEXT columns.

CREATE TABLE team (
    id          BIGINT PRIMARY KEY,
    name        TEXT NOT NULL,
    time_zone   TEXT NOT NULL,
    created_at  BIGINT NOT NULL
);
CREATE UNIQUE INDEX ux_team_name ON team (name);

CREATE TABLE app_user (
    id             BIGINT PRIMARY KEY,
    email          TEXT NOT NULL,
    display_name   TEXT NOT NULL,
    password_hash  TEXT,
    role           TEXT NOT NULL,
    team_id        BIGINT REFERENCES team (id),
    time_zone      TEXT NOT NULL,
    enabled        BOOLEAN NOT NULL,
    created_at     BIGINT NOT NULL,
    updated_at     BIGINT NOT NULL
);
CREATE UNIQUE INDEX ux_app_user_email ON app_user (email);

CREATE TABLE api_token (
    id            BIGINT PRIMARY KEY,
    name          TEXT NOT NULL,
    token_prefix  TEXT NOT NULL,
    token_hash    TEXT NOT NULL,
    scopes        TEXT NOT NULL,
    user_id       BIGINT NOT NULL REFERENCES app_user (id),
    created_at    BIGINT NOT NULL,
    last_used_at  BIGINT,
    revoked_at    BIGINT
);
CREATE UNIQUE INDEX ux_api_token_hash ON api_token (token_hash);

CREATE TABLE account (
    id              BIGINT PRIMARY KEY,
    name            TEXT NOT NULL,
    domain          TEXT,
    industry        TEXT,
    employees       INTEGER,
    annual_revenue  BIGINT,
    region          TEXT,
    country         TEXT,
    owner_id        BIGINT REFERENCES app_user (id),
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL
);
CREATE INDEX ix_account_name ON account (name);
CREATE INDEX ix_account_domain ON account (domain);

CREATE TABLE contact (
    id               BIGINT PRIMARY KEY,
    email            TEXT,
    first_name       TEXT,
    last_name        TEXT,
    title            TEXT,
    phone            TEXT,
    company          TEXT,
    country          TEXT,
    city             TEXT,
    account_id       BIGINT REFERENCES account (id),
    owner_id         BIGINT REFERENCES app_user (id),
    lifecycle_stage  TEXT NOT NULL,
    lead_source      TEXT,
    time_zone        TEXT,
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL
);
CREATE UNIQUE INDEX ux_contact_email ON contact (email);
CREATE INDEX ix_contact_account ON contact (account_id);
CREATE INDEX ix_contact_last_name ON contact (last_name);
CREATE INDEX ix_contact_updated ON contact (updated_at);

-- Every way of recognising a person: email, external (CRM) id, anonymous id, phone.
CREATE TABLE identity (
    id              BIGINT PRIMARY KEY,
    contact_id      BIGINT NOT NULL REFERENCES contact (id),
    kind            TEXT NOT NULL,
    identity_value  TEXT NOT NULL,
    created_at      BIGINT NOT NULL
);
-- value first: it is the selective column, so lookups of many values stay index probes on both
-- engines even before the planner has statistics (a bulk load into a new table).
CREATE UNIQUE INDEX ux_identity_value_kind ON identity (identity_value, kind);
CREATE INDEX ix_identity_contact ON identity (contact_id);

CREATE TABLE campaign (
    id              BIGINT PRIMARY KEY,
    name            TEXT NOT NULL,
    campaign_type   TEXT NOT NULL,
    channel         TEXT NOT NULL,
    status          TEXT NOT NULL,
    start_date      TEXT,
    end_date        TEXT,
    parent_id       BIGINT REFERENCES campaign (id),
    planned_budget  BIGINT,
    currency        TEXT NOT NULL,
    utm_campaign    TEXT,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL
);
CREATE UNIQUE INDEX ux_campaign_name ON campaign (name);
CREATE INDEX ix_campaign_parent ON campaign (parent_id);

CREATE TABLE campaign_member (
    campaign_id         BIGINT NOT NULL REFERENCES campaign (id),
    contact_id          BIGINT NOT NULL REFERENCES contact (id),
    status              TEXT NOT NULL,
    first_responded_at  BIGINT,
    created_at          BIGINT NOT NULL,
    updated_at          BIGINT NOT NULL,
    PRIMARY KEY (campaign_id, contact_id)
);
CREATE INDEX ix_campaign_member_contact ON campaign_member (contact_id);

-- Actual spend per campaign per period.
CREATE TABLE cost_entry (
    id            BIGINT PRIMARY KEY,
    campaign_id   BIGINT NOT NULL REFERENCES campaign (id),
    period_start  TEXT NOT NULL,
    period_end    TEXT NOT NULL,
    amount        BIGINT NOT NULL,
    currency      TEXT NOT NULL,
    note          TEXT,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL
);
CREATE INDEX ix_cost_entry_campaign ON cost_entry (campaign_id, period_start);

CREATE TABLE opportunity (
    id           BIGINT PRIMARY KEY,
    name         TEXT NOT NULL,
    account_id   BIGINT NOT NULL REFERENCES account (id),
    campaign_id  BIGINT REFERENCES campaign (id),
    owner_id     BIGINT REFERENCES app_user (id),
    stage        TEXT NOT NULL,
    amount       BIGINT NOT NULL,
    currency     TEXT NOT NULL,
    close_date   TEXT,
    created_at   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL
);
CREATE INDEX ix_opportunity_account ON opportunity (account_id);
CREATE INDEX ix_opportunity_campaign ON opportunity (campaign_id);
CREATE INDEX ix_opportunity_stage ON opportunity (stage);

CREATE TABLE opportunity_contact_role (
    opportunity_id  BIGINT NOT NULL REFERENCES opportunity (id),
    contact_id      BIGINT NOT NULL REFERENCES contact (id),
    role            TEXT NOT NULL,
    is_primary      BOOLEAN NOT NULL,
    PRIMARY KEY (opportunity_id, contact_id)
);
CREATE INDEX ix_opportunity_role_contact ON opportunity_contact_role (contact_id);

-- The append-only activity log. Ids are assigned under the append lock so that id order is
-- commit order; processors rely on that to read "everything after my offset".
-- (SQLite re-creates this table with an INTEGER PRIMARY KEY in V1_2: see there.)
CREATE TABLE activity (
    id             BIGINT PRIMARY KEY,
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
-- No secondary indexes on the log itself: appends only extend the primary key, which is what lets
-- ingestion run at hundreds of thousands of rows a second. Lookups by person, account or campaign go
-- through activity_subject, which the activity-index processor maintains from the log.

-- subject_kind: 1 contact, 2 account, 3 campaign (ActivityLog.SubjectKind).
CREATE TABLE activity_subject (
    subject_kind  SMALLINT NOT NULL,
    subject_id    BIGINT NOT NULL,
    occurred_at   BIGINT NOT NULL,
    activity_id   BIGINT NOT NULL,
    activity_type TEXT NOT NULL,
    PRIMARY KEY (subject_kind, subject_id, occurred_at, activity_id)
);

-- Consent per contact x channel x purpose. Full rules come with governance; the ledger exists now.
CREATE TABLE consent_record (
    id             BIGINT PRIMARY KEY,
    contact_id     BIGINT NOT NULL REFERENCES contact (id),
    channel        TEXT NOT NULL,
    purpose        TEXT NOT NULL,
    status         TEXT NOT NULL,
    lawful_basis   TEXT,
    source         TEXT,
    consent_text   TEXT,
    text_version   TEXT,
    ip_address     TEXT,
    user_agent     TEXT,
    occurred_at    BIGINT NOT NULL
);
CREATE INDEX ix_consent_contact ON consent_record (contact_id, channel, purpose, occurred_at);

CREATE TABLE audit_log (
    id           BIGINT PRIMARY KEY,
    occurred_at  BIGINT NOT NULL,
    actor        TEXT NOT NULL,
    action       TEXT NOT NULL,
    target_type  TEXT,
    target_id    TEXT,
    detail       TEXT
);
CREATE INDEX ix_audit_occurred ON audit_log (occurred_at);

-- Processor offsets: the last activity id each processor has fully applied.
CREATE TABLE processor_offset (
    processor_name   TEXT PRIMARY KEY,
    last_activity_id BIGINT NOT NULL,
    processed_count  BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL
);

-- Engagement rollups maintained by the engagement processor.
CREATE TABLE engagement_summary (
    subject_kind      TEXT NOT NULL,
    subject_id        BIGINT NOT NULL,
    first_activity_at BIGINT NOT NULL,
    last_activity_at  BIGINT NOT NULL,
    activity_count    BIGINT NOT NULL,
    PRIMARY KEY (subject_kind, subject_id)
);
CREATE INDEX ix_engagement_summary_last ON engagement_summary (subject_kind, last_activity_at);

-- Counts by type and by 7/30/90 days come from activity_subject (a range of one subject's index
-- entries), so this processor keeps only what lists and the dashboard need without a range scan.

CREATE TABLE channel_daily (
    epoch_day       INTEGER NOT NULL,
    channel         TEXT NOT NULL,
    activity_count  BIGINT NOT NULL,
    PRIMARY KEY (epoch_day, channel)
);

-- Long-running jobs (demo load, later imports/exports) report progress and can resume.
CREATE TABLE job_run (
    job_name     TEXT PRIMARY KEY,
    status       TEXT NOT NULL,
    progress     BIGINT NOT NULL,
    total        BIGINT NOT NULL,
    detail       TEXT,
    updated_at   BIGINT NOT NULL
);

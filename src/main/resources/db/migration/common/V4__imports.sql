-- CSV imports: one row per upload/run, its row-level errors, and saved column mappings.
CREATE TABLE import_job (
    id             BIGINT PRIMARY KEY,
    target         TEXT NOT NULL,
    status         TEXT NOT NULL,
    file_name      TEXT NOT NULL,
    file_path      TEXT NOT NULL,
    file_size      BIGINT NOT NULL,
    fingerprint    TEXT NOT NULL,
    encoding       TEXT,
    delimiter      TEXT,
    headers        TEXT,
    preview        TEXT,
    row_count      BIGINT NOT NULL,
    mapping        TEXT NOT NULL,
    rows_done      BIGINT NOT NULL,
    created_count  BIGINT NOT NULL,
    updated_count  BIGINT NOT NULL,
    skipped_count  BIGINT NOT NULL,
    error_count    BIGINT NOT NULL,
    message        TEXT,
    created_by     BIGINT,
    created_at     BIGINT NOT NULL,
    started_at     BIGINT,
    finished_at    BIGINT,
    updated_at     BIGINT NOT NULL
);
CREATE INDEX ix_import_job_fingerprint ON import_job (fingerprint);

-- Committed with the chunk they belong to, so a resumed run neither loses nor repeats them.
CREATE TABLE import_error (
    job_id       BIGINT NOT NULL REFERENCES import_job (id),
    row_no       BIGINT NOT NULL,
    column_name  TEXT,
    bad_value    TEXT,
    message      TEXT NOT NULL
);
CREATE INDEX ix_import_error_job ON import_error (job_id, row_no);

CREATE TABLE import_preset (
    id          BIGINT PRIMARY KEY,
    name        TEXT NOT NULL,
    target      TEXT NOT NULL,
    column_map  TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);
CREATE UNIQUE INDEX ux_import_preset_name ON import_preset (target, name);

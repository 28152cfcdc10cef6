-- Hosted forms and the tracking snippet (capture). See docs/decisions/0009-hosted-forms.md.

-- A form's fields, consent boxes and success behaviour live in one JSON document (definition); revision
-- goes up on every save so that a page rendered before an edit can be told apart (the render token
-- carries it). published_once marks forms whose consent texts are versioned on change.
CREATE TABLE hosted_form (
    id               BIGINT PRIMARY KEY,
    form_key         TEXT NOT NULL,
    name             TEXT NOT NULL,
    status           TEXT NOT NULL,
    definition       TEXT NOT NULL,
    campaign_id      BIGINT,
    revision         INTEGER NOT NULL,
    published_once   INTEGER NOT NULL,
    spam_rejections  BIGINT NOT NULL,
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL
);
CREATE UNIQUE INDEX ux_hosted_form_key ON hosted_form (form_key);
CREATE UNIQUE INDEX ux_hosted_form_name ON hosted_form (name);

-- One row per accepted submission (recent submissions, counts). The activity log holds the same facts;
-- rows go with their contact when it is deleted.
CREATE TABLE form_submission (
    id            BIGINT PRIMARY KEY,
    form_id       BIGINT NOT NULL,
    contact_id    BIGINT NOT NULL,
    activity_id   BIGINT NOT NULL,
    submitted_at  BIGINT NOT NULL,
    field_values  TEXT NOT NULL
);
CREATE INDEX ix_form_submission_form ON form_submission (form_id, submitted_at);
CREATE INDEX ix_form_submission_contact ON form_submission (contact_id);

-- Server-side secrets shared by every node (render-token HMAC key, the snippet's site key).
CREATE TABLE capture_secret (
    name        TEXT PRIMARY KEY,
    secret      TEXT NOT NULL,
    created_at  BIGINT NOT NULL
);

-- QR codes for direct mail and inbound webhooks (capture).
-- No foreign keys on purpose: deleting a campaign or contact must not be blocked by printed codes,
-- and a scan of a code whose contact was deleted still lands in the log (activities keep ids).

CREATE TABLE qr_code (
    token        TEXT PRIMARY KEY,
    campaign_id  BIGINT NOT NULL,
    contact_id   BIGINT,
    target_url   TEXT NOT NULL,
    created_at   BIGINT NOT NULL
);
CREATE INDEX ix_qr_code_campaign ON qr_code (campaign_id, contact_id);

-- The secret is kept (not hashed) because HMAC verification needs it; the API shows it only once.
CREATE TABLE inbound_webhook (
    id             BIGINT PRIMARY KEY,
    name           TEXT NOT NULL,
    activity_type  TEXT NOT NULL,
    channel        TEXT,
    mapping        TEXT NOT NULL,
    secret         TEXT NOT NULL,
    created_at     BIGINT NOT NULL,
    updated_at     BIGINT NOT NULL
);
CREATE UNIQUE INDEX ux_inbound_webhook_name ON inbound_webhook (name);

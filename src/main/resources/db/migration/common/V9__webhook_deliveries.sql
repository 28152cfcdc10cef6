-- Inbound webhook deliveries: the recent-deliveries list of the UI and the replay guard.
-- dedupe_key is set only on applied deliveries: the caller's Baton-Delivery-Id, else the signature (an exact
-- replay carries the same one). The unique index makes "applied once" hold across nodes on both engines:
-- a second insert of the same key fails and its transaction (with its activities) rolls back.
-- Rejected, unauthorised and duplicate calls are recorded with a NULL key (NULLs never collide).
CREATE TABLE webhook_delivery (
    id                BIGINT PRIMARY KEY,
    webhook_id        BIGINT NOT NULL,
    dedupe_key        TEXT,
    delivery_id       TEXT,
    received_at       BIGINT NOT NULL,
    outcome           TEXT NOT NULL,
    http_status       INTEGER NOT NULL,
    items_received    INTEGER NOT NULL,
    items_appended    INTEGER NOT NULL,
    contacts_created  INTEGER NOT NULL,
    error             TEXT
);
CREATE UNIQUE INDEX ux_webhook_delivery_key ON webhook_delivery (webhook_id, dedupe_key);
CREATE INDEX ix_webhook_delivery_recent ON webhook_delivery (webhook_id, received_at);

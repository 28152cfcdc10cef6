-- Editable rules that put each touch into a channel group (issue 3, item 7).
-- Tried in ascending priority; the first rule whose conditions (JSON list) all hold decides.
CREATE TABLE channel_rule (
    id          BIGINT PRIMARY KEY,
    priority    INTEGER NOT NULL,
    name        TEXT NOT NULL,
    channel     TEXT NOT NULL,
    conditions  TEXT NOT NULL,
    enabled     BOOLEAN NOT NULL,
    builtin     BOOLEAN NOT NULL,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);
CREATE INDEX ix_channel_rule_priority ON channel_rule (priority);

-- One row. Every change to the rules bumps rule_version, so each node notices with one cheap read
-- and reloads its compiled copy. seeded says whether the built-in defaults were ever written (so that
-- deleting every rule does not bring them back at the next start).
CREATE TABLE channel_rule_state (
    id            INTEGER PRIMARY KEY,
    rule_version  BIGINT NOT NULL,
    seeded        BOOLEAN NOT NULL
);
INSERT INTO channel_rule_state (id, rule_version, seeded) VALUES (1, 0, FALSE);

-- CRM opportunity ids, so an opportunity import matches the deals it created before (NULLs do not collide).
ALTER TABLE opportunity ADD COLUMN external_id TEXT;
CREATE UNIQUE INDEX ux_opportunity_external_id ON opportunity (external_id);

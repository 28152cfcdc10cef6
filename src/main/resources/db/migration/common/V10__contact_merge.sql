-- Merging two contacts (decision 0010). The merged contact's row stays as a tombstone pointing at the
-- survivor, so that ids held elsewhere (the append-only activity log, printed QR codes, old links) still
-- resolve; lists, search and counts skip tombstones.
ALTER TABLE contact ADD COLUMN merged_into BIGINT;
ALTER TABLE contact ADD COLUMN merged_at BIGINT;
CREATE INDEX ix_contact_merged_into ON contact (merged_into);

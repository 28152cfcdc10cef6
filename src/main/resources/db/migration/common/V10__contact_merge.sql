-- Merging two contacts (decision 0010). The merged contact's row stays as a tombstone pointing at the
-- survivor, so that ids held elsewhere (the append-only activity log, printed QR codes, old links) still
-- resolve; lists, search and counts skip tombstones.
ALTER TABLE contact ADD COLUMN merged_into BIGINT;
ALTER TABLE contact ADD COLUMN merged_at BIGINT;
-- partial: almost every contact is live, so only tombstones pay for this index (not every insert)
CREATE INDEX ix_contact_merged_into ON contact (merged_into) WHERE merged_into IS NOT NULL;

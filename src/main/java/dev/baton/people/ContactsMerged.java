package dev.baton.people;

/**
 * Published inside the merging transaction, after the identities moved and before it commits, so that each
 * module re-points what it holds about the merged contact (memberships, roles, consent, submissions, QR codes,
 * rollups) to the survivor. Handlers collapse duplicates (the same campaign membership twice) into one row.
 */
public record ContactsMerged(long survivorId, long mergedId) {
}

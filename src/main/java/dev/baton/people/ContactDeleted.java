package dev.baton.people;

/**
 * Published inside the deleting transaction, before the contact row goes, so that other modules
 * remove what they hold about the person (memberships, roles, consent, rollups).
 */
public record ContactDeleted(long contactId) {
}

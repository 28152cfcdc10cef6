package dev.baton.governance;

import java.time.Instant;

/**
 * One entry of the append-only consent ledger: what a person said about a channel and purpose, with
 * the exact text and version they were shown.
 */
public record ConsentRecord(long id, long contactId, String channel, String purpose, ConsentStatus status,
        String lawfulBasis, String source, String consentText, String textVersion, String ipAddress,
        String userAgent, Instant occurredAt) {
}

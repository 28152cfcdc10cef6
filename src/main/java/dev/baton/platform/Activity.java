package dev.baton.platform;

import java.time.Instant;

/**
 * One entry of the append-only activity log: something that happened to a person or account.
 *
 * @param props JSON object text, or null
 */
public record Activity(long id, Instant occurredAt, Instant recordedAt, String type, Long contactId,
        Long accountId, Long campaignId, String channel, Utm utm, String props) {

    /** Campaign tagging carried by the activity. Every field may be null. */
    public record Utm(String source, String medium, String campaign, String term, String content) {
        public static final Utm NONE = new Utm(null, null, null, null, null);
    }
}

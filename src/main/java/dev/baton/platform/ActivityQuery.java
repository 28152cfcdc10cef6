package dev.baton.platform;

import java.time.Instant;

/** Filters for listing the activity log; null means "any". Results are newest id first. */
public record ActivityQuery(Long contactId, Long accountId, Long campaignId, String type, String channel,
        Instant since, Instant until, Long beforeId, int limit) {
}

package dev.baton.measurement;

import java.time.Instant;
import java.util.Map;

/**
 * Engagement of one contact or account, from the rollups: when they were last active and how much,
 * overall, by activity type and over the last 7/30/90 days (counted in whole UTC days up to today).
 */
public record Engagement(Instant firstActivityAt, Instant lastActivityAt, long total, long last7Days,
        long last30Days, long last90Days, Map<String, Long> byType) {
}

package dev.baton.management;

import java.time.Instant;
import java.time.LocalDate;

/** Actual spend on a campaign over a period (inclusive dates), in minor units of {@code currency}. */
public record CostEntry(long id, long campaignId, LocalDate periodStart, LocalDate periodEnd, long amount,
        String currency, String note, Instant createdAt, Instant updatedAt) {
}

package dev.baton.lifecycle;

import java.time.Instant;
import java.time.LocalDate;

/** A deal. Amount is in minor units (cents) of {@code currency}; won/lost follows from the stage. */
public record Opportunity(long id, String name, long accountId, Long campaignId, Long ownerId,
        OpportunityStage stage, long amount, String currency, LocalDate closeDate, Instant createdAt,
        Instant updatedAt) {
}

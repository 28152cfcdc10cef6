package dev.baton.lifecycle;

import java.time.LocalDate;

public record OpportunityDraft(String name, long accountId, Long campaignId, Long ownerId, OpportunityStage stage,
        long amount, String currency, LocalDate closeDate) {
}

package dev.baton.management;

import java.time.LocalDate;

public record CostEntryDraft(long campaignId, LocalDate periodStart, LocalDate periodEnd, long amount,
        String currency, String note) {
}

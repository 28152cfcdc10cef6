package dev.baton.management;

import dev.baton.platform.Channel;
import java.time.Instant;
import java.time.LocalDate;

/** A marketing campaign or program. Money is in minor units (cents) of {@code currency}. */
public record Campaign(long id, String name, CampaignType type, Channel channel, CampaignStatus status,
        LocalDate startDate, LocalDate endDate, Long parentId, Long plannedBudget, String currency,
        String utmCampaign, Instant createdAt, Instant updatedAt) {
}

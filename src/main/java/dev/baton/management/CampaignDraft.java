package dev.baton.management;

import dev.baton.platform.Channel;
import java.time.LocalDate;

public record CampaignDraft(String name, CampaignType type, Channel channel, CampaignStatus status,
        LocalDate startDate, LocalDate endDate, Long parentId, Long plannedBudget, String currency,
        String utmCampaign) {
}

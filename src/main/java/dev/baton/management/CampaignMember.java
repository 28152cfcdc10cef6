package dev.baton.management;

import java.time.Instant;

public record CampaignMember(long campaignId, long contactId, MemberStatus status, Instant firstRespondedAt,
        Instant createdAt, Instant updatedAt) {
}

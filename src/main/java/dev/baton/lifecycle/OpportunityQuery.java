package dev.baton.lifecycle;

import dev.baton.platform.SortOrder;

public record OpportunityQuery(String text, Long accountId, Long campaignId, Long contactId, OpportunityStage stage,
        Long ownerId, SortOrder<Sort> order) {

    public enum Sort { CREATED, NAME, AMOUNT, STAGE, CLOSE_DATE }
}

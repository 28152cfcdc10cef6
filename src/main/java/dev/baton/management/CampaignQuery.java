package dev.baton.management;

import dev.baton.platform.Channel;
import dev.baton.platform.SortOrder;

public record CampaignQuery(String text, CampaignStatus status, Channel channel, CampaignType type, Long parentId,
        SortOrder<Sort> order) {

    public enum Sort { CREATED, NAME, START_DATE, STATUS, CHANNEL, BUDGET }
}

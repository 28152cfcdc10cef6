package dev.baton.capture;

import dev.baton.platform.Channel;
import java.util.Optional;

/** Finds the campaign a touch belongs to by its utm_campaign, creating one the first time a value is seen. */
public interface CampaignMatcher {

    /**
     * The id of the campaign whose utm_campaign equals the touch's (case-insensitive, trimmed), created
     * as "utm: &lt;value&gt;" (ACTIVE, USD, type inferred from the channel) when none exists yet. Empty when
     * the touch carries no utm_campaign. Safe to call concurrently: one value makes one campaign.
     */
    Optional<Long> campaignFor(Touch touch, Channel channel);
}

package dev.baton.capture;

import dev.baton.platform.Channel;

/**
 * The channel group of a touch, the name of the rule that decided it and, in plain words, why
 * (e.g. "utm_medium 'cpc' is a paid medium and utm_source 'google' is a search engine → Paid search").
 */
public record ChannelDecision(Channel channel, String ruleName, String reason) {
}

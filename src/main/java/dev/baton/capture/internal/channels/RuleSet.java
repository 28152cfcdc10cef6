package dev.baton.capture.internal.channels;

import dev.baton.capture.ChannelDecision;
import dev.baton.capture.Touch;
import dev.baton.platform.Channel;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** An immutable, compiled snapshot of the enabled rules in priority order. */
final class RuleSet {

    static final String FALLBACK = "fallback";

    private final long version;
    private final List<CompiledRule> rules;
    /**
     * Decisions already made by this (immutable) rule set: bulk capture sees the same few referrer / UTM / page
     * combinations over and over, and a decision is a pure function of the touch and the rules. Bounded: cleared
     * when full; touches with long values are not remembered.
     */
    private final Map<Touch, ChannelDecision> decided = new ConcurrentHashMap<>();
    static final int MAX_REMEMBERED = 4_096;
    private static final int MAX_REMEMBERED_CHARS = 1_024;

    RuleSet(long version, List<CompiledRule> rules) {
        this.version = version;
        this.rules = List.copyOf(rules);
    }

    long version() {
        return version;
    }

    ChannelDecision classify(Touch touch) {
        if (touch == null || length(touch) > MAX_REMEMBERED_CHARS) {
            return classify(TouchFacts.of(touch));
        }
        ChannelDecision d = decided.get(touch);
        if (d == null) {
            d = classify(TouchFacts.of(touch));
            if (decided.size() >= MAX_REMEMBERED) {
                decided.clear();
            }
            decided.put(touch, d);
        }
        return d;
    }

    private static int length(Touch t) {
        return len(t.utmSource()) + len(t.utmMedium()) + len(t.utmCampaign()) + len(t.utmTerm())
                + len(t.utmContent()) + len(t.referrer()) + len(t.pageUrl());
    }

    private static int len(String s) {
        return s == null ? 0 : s.length();
    }

    ChannelDecision classify(TouchFacts facts) {
        for (CompiledRule rule : rules) {
            ChannelDecision d = rule.decide(facts);
            if (d != null) {
                return d;
            }
        }
        return fallback(facts);
    }

    /** When no rule matches (rules edited or deleted), an external referrer still means referral, else direct. */
    static ChannelDecision fallback(TouchFacts facts) {
        String ref = facts.get(dev.baton.capture.ChannelRules.Field.REFERRER_HOST);
        if (ref != null) {
            return new ChannelDecision(Channel.REFERRAL, FALLBACK,
                    "no rule matched; the external referrer '" + ref + "' → " + Channel.REFERRAL.label());
        }
        return new ChannelDecision(Channel.DIRECT, FALLBACK,
                "no rule matched and there is no external referrer → " + Channel.DIRECT.label());
    }
}

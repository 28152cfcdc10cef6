package dev.baton.capture.internal.channels;

import dev.baton.capture.ChannelDecision;
import dev.baton.capture.Touch;
import dev.baton.platform.Channel;
import java.util.List;

/** An immutable, compiled snapshot of the enabled rules in priority order. */
final class RuleSet {

    static final String FALLBACK = "fallback";

    private final long version;
    private final List<CompiledRule> rules;

    RuleSet(long version, List<CompiledRule> rules) {
        this.version = version;
        this.rules = List.copyOf(rules);
    }

    long version() {
        return version;
    }

    ChannelDecision classify(Touch touch) {
        return classify(TouchFacts.of(touch));
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

package dev.baton.capture.internal.channels;

import dev.baton.capture.ChannelDecision;
import dev.baton.capture.ChannelRules.Condition;
import dev.baton.capture.ChannelRules.InvalidRuleException;
import dev.baton.capture.ChannelRules.Operator;
import dev.baton.capture.ChannelRules.RuleDraft;
import dev.baton.platform.Channel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** A validated rule ready to test touches: values lower-cased, lists hashed, regexes compiled. */
final class CompiledRule {

    static final int MAX_NAME_LENGTH = 100;
    static final int MAX_CONDITIONS = 20;
    static final int MAX_LABEL_LENGTH = 100;
    static final int MAX_VALUE_LENGTH = 500;
    static final int MAX_REGEX_LENGTH = 200;
    static final int MAX_LIST_SIZE = 500;
    /** A regex may read at most this many characters per test; beyond that it counts as no match. */
    static final int MAX_REGEX_STEPS = 100_000;

    /** Quantified groups that are themselves quantified, e.g. (a+)+ or (\w*)*: the shape of catastrophic backtracking. */
    private static final Pattern NESTED_QUANTIFIER = Pattern.compile("[+*}]\\)+[+*{]|[+*}]\\)+\\?[+*{]");

    private final String name;
    private final Channel channel;
    private final List<Test> tests;

    private CompiledRule(String name, Channel channel, List<Test> tests) {
        this.name = name;
        this.channel = channel;
        this.tests = tests;
    }

    String name() {
        return name;
    }

    Channel channel() {
        return channel;
    }

    /**
     * Checks a draft and compiles it.
     *
     * @throws InvalidRuleException naming the first bad field
     */
    static CompiledRule compile(RuleDraft d) {
        if (d == null) {
            throw new InvalidRuleException("rule", "a rule is required");
        }
        if (d.name() == null || d.name().isBlank()) {
            throw new InvalidRuleException("name", "name must not be blank");
        }
        if (d.name().strip().length() > MAX_NAME_LENGTH) {
            throw new InvalidRuleException("name", "name must be at most " + MAX_NAME_LENGTH + " characters");
        }
        if (d.channel() == null) {
            throw new InvalidRuleException("channel", "channel is required");
        }
        if (d.conditions().isEmpty()) {
            throw new InvalidRuleException("conditions", "a rule needs at least one condition");
        }
        if (d.conditions().size() > MAX_CONDITIONS) {
            throw new InvalidRuleException("conditions", "a rule may have at most " + MAX_CONDITIONS + " conditions");
        }
        if (d.position() != null && d.position() < 1) {
            throw new InvalidRuleException("position", "position must be 1 or more");
        }
        List<Test> tests = new ArrayList<>();
        for (int i = 0; i < d.conditions().size(); i++) {
            tests.add(test(d.conditions().get(i), "conditions[" + i + "]"));
        }
        return new CompiledRule(d.name().strip(), d.channel(), List.copyOf(tests));
    }

    private static Test test(Condition c, String path) {
        if (c == null) {
            throw new InvalidRuleException(path, "condition must not be null");
        }
        if (c.field() == null) {
            throw new InvalidRuleException(path + ".field", "field is required");
        }
        if (c.operator() == null) {
            throw new InvalidRuleException(path + ".operator", "operator is required");
        }
        if (c.label() != null && c.label().length() > MAX_LABEL_LENGTH) {
            throw new InvalidRuleException(path + ".label", "label must be at most " + MAX_LABEL_LENGTH + " characters");
        }
        switch (c.operator()) {
            case IS_EMPTY:
                return new Test(c, null, null, null);
            case IN_LIST: {
                if (c.values().isEmpty()) {
                    throw new InvalidRuleException(path + ".values", "in_list needs at least one value");
                }
                if (c.values().size() > MAX_LIST_SIZE) {
                    throw new InvalidRuleException(path + ".values", "in_list takes at most " + MAX_LIST_SIZE + " values");
                }
                Set<String> set = new HashSet<>();
                for (String v : c.values()) {
                    if (v == null || v.isBlank()) {
                        throw new InvalidRuleException(path + ".values", "list values must not be blank");
                    }
                    if (v.length() > MAX_VALUE_LENGTH) {
                        throw new InvalidRuleException(path + ".values",
                                "list values must be at most " + MAX_VALUE_LENGTH + " characters");
                    }
                    set.add(v.strip().toLowerCase(Locale.ROOT));
                }
                return new Test(c, null, Set.copyOf(set), null);
            }
            case REGEX: {
                String v = c.value();
                if (v == null || v.isEmpty()) {
                    throw new InvalidRuleException(path + ".value", "regex needs a pattern");
                }
                if (v.length() > MAX_REGEX_LENGTH) {
                    throw new InvalidRuleException(path + ".value",
                            "regex must be at most " + MAX_REGEX_LENGTH + " characters");
                }
                if (NESTED_QUANTIFIER.matcher(v).find()) {
                    throw new InvalidRuleException(path + ".value",
                            "regex must not repeat a repeated group (like (a+)+): it can take forever on some input");
                }
                try {
                    return new Test(c, null, null,
                            Pattern.compile(v, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
                } catch (PatternSyntaxException e) {
                    throw new InvalidRuleException(path + ".value", "not a valid regex: " + e.getDescription()
                            + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""));
                }
            }
            default: {
                String v = c.value();
                if (v == null || v.isBlank()) {
                    throw new InvalidRuleException(path + ".value", c.operator().code() + " needs a value");
                }
                if (v.length() > MAX_VALUE_LENGTH) {
                    throw new InvalidRuleException(path + ".value",
                            "value must be at most " + MAX_VALUE_LENGTH + " characters");
                }
                return new Test(c, v.strip().toLowerCase(Locale.ROOT), null, null);
            }
        }
    }

    /** The decision when every condition holds, else null. */
    ChannelDecision decide(TouchFacts facts) {
        List<String> why = new ArrayList<>(tests.size());
        for (Test t : tests) {
            String actual = facts.get(t.condition.field());
            if (t.holds(actual) == t.condition.negate()) {
                return null;
            }
            why.add(t.describe(actual));
        }
        StringBuilder reason = new StringBuilder(String.join(" and ", why)).append(" → ").append(channel.label());
        if (facts.selfReferrerHost() != null) {
            reason.append(" (the referrer '").append(facts.selfReferrerHost())
                    .append("' is this site's own host, so it is not a referral)");
        }
        return new ChannelDecision(channel, name, reason.toString());
    }

    private static final class Test {

        final Condition condition;
        final String value;
        final Set<String> list;
        final Pattern regex;

        Test(Condition condition, String value, Set<String> list, Pattern regex) {
            this.condition = condition;
            this.value = value;
            this.list = list;
            this.regex = regex;
        }

        boolean holds(String actual) {
            if (condition.operator() == Operator.IS_EMPTY) {
                return actual == null;
            }
            if (actual == null) {
                return false;
            }
            switch (condition.operator()) {
                case EQUALS:
                    return actual.equals(value);
                case CONTAINS:
                    return actual.contains(value);
                case STARTS_WITH:
                    return actual.startsWith(value);
                case IN_LIST:
                    return inList(actual);
                case REGEX:
                    try {
                        Matcher m = regex.matcher(new BoundedChars(actual, new int[] {MAX_REGEX_STEPS}));
                        return m.find();
                    } catch (BoundedChars.Exhausted e) {
                        return false;
                    }
                default:
                    return false;
            }
        }

        /** Equal to an item; for dotted values also a subdomain of an item or a label equal to a dotless item. */
        private boolean inList(String actual) {
            if (list.contains(actual)) {
                return true;
            }
            if (actual.indexOf('.') < 0) {
                return false;
            }
            int dot = actual.indexOf('.');
            while (dot >= 0) {
                if (list.contains(actual.substring(dot + 1))) {
                    return true;
                }
                dot = actual.indexOf('.', dot + 1);
            }
            for (String label : actual.split("\\.")) {
                if (list.contains(label)) {
                    return true;
                }
            }
            return false;
        }

        String describe(String actual) {
            String f = condition.field().code();
            String shown = actual == null ? null : "'" + abbreviate(actual, 80) + "'";
            boolean not = condition.negate();
            if (condition.label() != null && condition.operator() != Operator.IS_EMPTY) {
                return f + (shown == null ? " (empty)" : " " + shown) + (not ? " is not " : " is ") + condition.label();
            }
            switch (condition.operator()) {
                case IS_EMPTY:
                    return not ? f + " " + shown + " is present" : f + " is empty";
                case EQUALS:
                    return not ? f + (shown == null ? " is empty" : " " + shown) + " is not '" + value + "'"
                            : f + " is '" + value + "'";
                case CONTAINS:
                    return f + (shown == null ? " (empty)" : " " + shown) + (not ? " does not contain '" : " contains '")
                            + value + "'";
                case STARTS_WITH:
                    return f + (shown == null ? " (empty)" : " " + shown) + (not ? " does not start with '"
                            : " starts with '") + value + "'";
                case REGEX:
                    return f + (shown == null ? " (empty)" : " " + shown) + (not ? " does not match /" : " matches /")
                            + regex.pattern() + "/";
                case IN_LIST:
                    return f + (shown == null ? " (empty)" : " " + shown) + (not ? " is not in " : " is in ") + listText();
                default:
                    return f;
            }
        }

        private String listText() {
            List<String> items = condition.values();
            int shown = Math.min(4, items.size());
            String head = String.join(", ", items.subList(0, shown));
            return "the list (" + head + (items.size() > shown ? ", … " + (items.size() - shown) + " more" : "") + ")";
        }
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }

    /**
     * A CharSequence that stops a regex after a fixed number of character reads. Java regexes can
     * backtrack exponentially; counting reads bounds the work deterministically, without timers.
     */
    static final class BoundedChars implements CharSequence {

        static final class Exhausted extends RuntimeException {
            Exhausted() {
                super("regex step budget exhausted", null, false, false);
            }
        }

        private final String text;
        private final int[] budget;

        BoundedChars(String text, int[] budget) {
            this.text = text;
            this.budget = budget;
        }

        @Override
        public char charAt(int index) {
            if (--budget[0] < 0) {
                throw new Exhausted();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new BoundedChars(text.substring(start, end), budget);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}

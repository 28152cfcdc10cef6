package dev.baton.capture;

import dev.baton.platform.Channel;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Editable rules that put every touch into a channel group. Rules are tried in priority order (lowest
 * position first); the first rule whose conditions all hold decides. Built-in defaults are seeded on first
 * start and can be edited, reordered, deleted or restored with {@link #resetToDefaults()}.
 */
public interface ChannelRules {

    /** The channel group for a touch. Never null: when no rule matches, a fallback decides and says so. */
    ChannelDecision classify(Touch touch);

    /** All rules in priority order. */
    List<Rule> list();

    Optional<Rule> find(long id);

    /**
     * Adds a rule at {@code draft.position()} (1-based; null or past the end appends).
     *
     * @throws InvalidRuleException naming the bad field
     */
    Rule create(RuleDraft draft);

    /** @throws dev.baton.platform.NotFoundException when there is no such rule */
    Rule update(long id, RuleDraft draft);

    void delete(long id);

    /** Puts the rules in the given order; every rule id must appear exactly once. */
    List<Rule> reorder(List<Long> idsInPriorityOrder);

    /** For each sample: whether the rule would match, what it would decide, and what the current rules decide. */
    List<PreviewRow> preview(RuleDraft rule, List<Touch> samples);

    /** Replaces all rules with the built-in defaults. */
    List<Rule> resetToDefaults();

    /** A touch field a condition looks at. Host fields are lower-case without a leading "www.". */
    enum Field {
        UTM_SOURCE, UTM_MEDIUM, UTM_CAMPAIGN, UTM_TERM, UTM_CONTENT,
        /** The referrer's host; empty when there is no referrer or it is this site's own host. */
        REFERRER_HOST,
        /** The full referrer URL, also when it is this site's own. */
        REFERRER,
        PAGE_HOST, PAGE_URL,
        /** The landing page's query string (e.g. to spot gclid=). */
        PAGE_QUERY;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Field> fromCode(String code) {
            for (Field f : values()) {
                if (f.code().equalsIgnoreCase(code == null ? "" : code.trim())) {
                    return Optional.of(f);
                }
            }
            return Optional.empty();
        }
    }

    /** How a condition compares; all comparisons ignore case. */
    enum Operator {
        EQUALS, CONTAINS, STARTS_WITH, REGEX,
        /** One of the listed values; for dotted values (hosts) also a subdomain or a matching dot-separated label. */
        IN_LIST,
        /** Missing or blank; takes no value. */
        IS_EMPTY;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Operator> fromCode(String code) {
            for (Operator o : values()) {
                if (o.code().equalsIgnoreCase(code == null ? "" : code.trim())) {
                    return Optional.of(o);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * One test on a touch. {@code value} is the operand (a regex for REGEX, null for IS_EMPTY); {@code values}
     * the list for IN_LIST. {@code negate} inverts the test ("is not empty", "not in list"). {@code label}, when
     * set, names what the operand stands for in explanations ("a search engine"), instead of quoting it.
     */
    record Condition(Field field, Operator operator, String value, List<String> values, boolean negate,
            String label) {

        public Condition {
            values = values == null ? List.of() : List.copyOf(values);
            label = label == null || label.isBlank() ? null : label.strip();
        }

        public Condition(Field field, Operator operator, String value, List<String> values, boolean negate) {
            this(field, operator, value, values, negate, null);
        }

        public static Condition is(Field field, Operator operator, String value) {
            return new Condition(field, operator, value, List.of(), false, null);
        }

        public static Condition inList(Field field, List<String> values) {
            return new Condition(field, Operator.IN_LIST, null, values, false, null);
        }

        public static Condition empty(Field field) {
            return new Condition(field, Operator.IS_EMPTY, null, List.of(), false, null);
        }

        public static Condition notEmpty(Field field) {
            return new Condition(field, Operator.IS_EMPTY, null, List.of(), true, null);
        }

        public Condition labelled(String label) {
            return new Condition(field, operator, value, values, negate, label);
        }
    }

    /** A rule as written by a user; {@code position} is 1-based priority, null to append. */
    record RuleDraft(String name, Channel channel, List<Condition> conditions, boolean enabled, Integer position) {

        public RuleDraft {
            conditions = conditions == null ? List.of() : List.copyOf(conditions);
        }
    }

    /** A stored rule. {@code builtin} marks rules seeded from the defaults (they stay editable). */
    record Rule(long id, int position, String name, Channel channel, List<Condition> conditions, boolean enabled,
            boolean builtin, Instant updatedAt) {
    }

    /** What {@link #preview} found for one sample. */
    record PreviewRow(Touch touch, boolean matches, ChannelDecision decision, ChannelDecision current) {
    }

    /** A rule that cannot be saved; {@code field} names the offending part, e.g. "conditions[1].value". */
    class InvalidRuleException extends RuntimeException {

        private final String field;

        public InvalidRuleException(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }
}

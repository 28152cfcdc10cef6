package dev.baton.capture.internal.channels;

import dev.baton.capture.ChannelDecision;
import dev.baton.capture.ChannelRules;
import dev.baton.capture.Touch;
import dev.baton.platform.Channel;
import dev.baton.platform.Ids;
import dev.baton.platform.NotFoundException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Channel rules stored in the database and cached compiled in memory. The cache is keyed by
 * {@code channel_rule_state.rule_version}: writes bump it, and every node re-reads that one number at
 * most once per {@link #RECHECK_NANOS} (this node reloads at once after its own writes), so the hot
 * path of classification is a few in-memory comparisons.
 */
@Service
class JdbcChannelRules implements ChannelRules {

    static final long RECHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

    private static final Logger log = LoggerFactory.getLogger(JdbcChannelRules.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String COLUMNS = "id, priority, name, channel, conditions, enabled, builtin, updated_at";

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;

    private volatile RuleSet cached;
    private volatile long checkedAt;

    JdbcChannelRules(JdbcClient jdbc, TransactionTemplate tx, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public ChannelDecision classify(Touch touch) {
        return rules().classify(touch);
    }

    /** The current compiled rules, reloaded when another node (or this one) changed them. */
    RuleSet rules() {
        RuleSet current = cached;
        long now = System.nanoTime();
        if (current != null && now - checkedAt < RECHECK_NANOS) {
            return current;
        }
        synchronized (this) {
            current = cached;
            if (current != null && System.nanoTime() - checkedAt < RECHECK_NANOS) {
                return current;
            }
            long version = ensureSeeded();
            if (current == null || current.version() != version) {
                current = load();
                cached = current;
            }
            checkedAt = System.nanoTime();
            return current;
        }
    }

    /**
     * Seeds and compiles the rules at start-up, so the first classification never has to write (on SQLite
     * that write could wait for the lock held by the very transaction that is classifying).
     */
    @EventListener(ApplicationStartedEvent.class)
    void warmUp() {
        rules();
    }

    private synchronized void invalidate() {
        cached = null;
    }

    /** Writes the defaults the first time any node starts; returns the current rule version. */
    private long ensureSeeded() {
        State s = state();
        if (s.seeded) {
            return s.version;
        }
        tx.executeWithoutResult(status -> {
            // Claim the seeding: only the node whose update flips the flag writes the defaults.
            int claimed = jdbc.sql("UPDATE channel_rule_state SET seeded = ?, rule_version = rule_version + 1 "
                    + "WHERE id = 1 AND seeded = ?").params(true, false).update();
            if (claimed == 1) {
                insertDefaults();
            }
        });
        return state().version;
    }

    private State state() {
        return jdbc.sql("SELECT rule_version, seeded FROM channel_rule_state WHERE id = 1")
                .query((rs, n) -> new State(rs.getLong(1), rs.getBoolean(2))).single();
    }

    private record State(long version, boolean seeded) {
    }

    private RuleSet load() {
        // Version and rows read in one transaction so the snapshot is labelled with the version it reflects.
        return tx.execute(status -> {
            long version = state().version;
            List<CompiledRule> compiled = new ArrayList<>();
            for (Rule r : list()) {
                if (r.enabled()) {
                    try {
                        compiled.add(CompiledRule.compile(new RuleDraft(r.name(), r.channel(), r.conditions(), true,
                                null)));
                    } catch (InvalidRuleException e) {
                        // A row edited by hand into something invalid must not stop every classification.
                        log.warn("Channel rule '{}' ({}) is skipped: {} {}", r.name(), Ids.format(r.id()), e.field(),
                                e.getMessage());
                    }
                }
            }
            return new RuleSet(version, compiled);
        });
    }

    @Override
    public List<Rule> list() {
        if (cached == null) {
            ensureSeeded();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM channel_rule ORDER BY priority, id")
                .query(JdbcChannelRules::map).list();
    }

    @Override
    public Optional<Rule> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM channel_rule WHERE id = ?").param(id)
                .query(JdbcChannelRules::map).optional();
    }

    @Override
    public Rule create(RuleDraft draft) {
        CompiledRule.compile(draft);
        ensureSeeded();
        long id = Ids.next();
        long now = clock.millis();
        tx.executeWithoutResult(status -> {
            bump();
            List<Long> order = ids();
            jdbc.sql("INSERT INTO channel_rule (" + COLUMNS.replace("updated_at", "created_at, updated_at")
                            + ") VALUES (?,?,?,?,?,?,?,?,?)")
                    .params(id, order.size() + 1, draft.name().strip(), draft.channel().code(),
                            json(draft.conditions()), draft.enabled(), false, now, now)
                    .update();
            order.add(place(draft.position(), order.size()), id);
            renumber(order);
        });
        invalidate();
        return find(id).orElseThrow();
    }

    @Override
    public Rule update(long id, RuleDraft draft) {
        CompiledRule.compile(draft);
        tx.executeWithoutResult(status -> {
            bump();
            int n = jdbc.sql("UPDATE channel_rule SET name = ?, channel = ?, conditions = ?, enabled = ?, "
                            + "updated_at = ? WHERE id = ?")
                    .params(draft.name().strip(), draft.channel().code(), json(draft.conditions()), draft.enabled(),
                            clock.millis(), id)
                    .update();
            if (n == 0) {
                throw new NotFoundException("channel rule", Ids.format(id));
            }
            if (draft.position() != null) {
                List<Long> order = ids();
                order.remove(id);
                order.add(place(draft.position(), order.size()), id);
                renumber(order);
            }
        });
        invalidate();
        return find(id).orElseThrow();
    }

    @Override
    public void delete(long id) {
        tx.executeWithoutResult(status -> {
            bump();
            if (jdbc.sql("DELETE FROM channel_rule WHERE id = ?").param(id).update() == 0) {
                throw new NotFoundException("channel rule", Ids.format(id));
            }
            renumber(ids());
        });
        invalidate();
    }

    @Override
    public List<Rule> reorder(List<Long> idsInPriorityOrder) {
        if (idsInPriorityOrder == null) {
            throw new InvalidRuleException("ids", "the rule ids in priority order are required");
        }
        tx.executeWithoutResult(status -> {
            bump();
            Set<Long> existing = new HashSet<>(ids());
            Set<Long> given = new HashSet<>(idsInPriorityOrder);
            if (given.size() != idsInPriorityOrder.size()) {
                throw new InvalidRuleException("ids", "a rule id appears more than once");
            }
            if (!given.equals(existing)) {
                throw new InvalidRuleException("ids", "list every rule id exactly once (there are "
                        + existing.size() + " rules, " + given.size() + " ids were given)");
            }
            renumber(idsInPriorityOrder);
        });
        invalidate();
        return list();
    }

    @Override
    public List<PreviewRow> preview(RuleDraft rule, List<Touch> samples) {
        CompiledRule compiled = CompiledRule.compile(rule);
        RuleSet current = rules();
        List<PreviewRow> rows = new ArrayList<>(samples == null ? 0 : samples.size());
        if (samples != null) {
            for (Touch t : samples) {
                TouchFacts facts = TouchFacts.of(t);
                ChannelDecision d = compiled.decide(facts);
                rows.add(new PreviewRow(t, d != null, d, current.classify(facts)));
            }
        }
        return rows;
    }

    @Override
    public List<Rule> resetToDefaults() {
        tx.executeWithoutResult(status -> {
            bump();
            jdbc.sql("DELETE FROM channel_rule").update();
            jdbc.sql("UPDATE channel_rule_state SET seeded = ? WHERE id = 1").param(true).update();
            insertDefaults();
        });
        invalidate();
        return list();
    }

    private void insertDefaults() {
        long now = clock.millis();
        int priority = 1;
        for (RuleDraft d : DefaultChannelRules.all()) {
            jdbc.sql("INSERT INTO channel_rule (" + COLUMNS.replace("updated_at", "created_at, updated_at")
                            + ") VALUES (?,?,?,?,?,?,?,?,?)")
                    .params(Ids.next(), priority++, d.name(), d.channel().code(), json(d.conditions()), true, true,
                            now, now)
                    .update();
        }
    }

    private List<Long> ids() {
        return new ArrayList<>(jdbc.sql("SELECT id FROM channel_rule ORDER BY priority, id")
                .query((rs, n) -> rs.getLong(1)).list());
    }

    private void renumber(List<Long> order) {
        for (int i = 0; i < order.size(); i++) {
            jdbc.sql("UPDATE channel_rule SET priority = ? WHERE id = ? AND priority <> ?")
                    .params(i + 1, order.get(i), i + 1).update();
        }
    }

    /**
     * Bumps the rule version. Writers call it first: on PostgreSQL the row lock it takes serialises rule
     * edits across nodes, so renumbering never interleaves; SQLite's IMMEDIATE transactions already do.
     */
    private void bump() {
        jdbc.sql("UPDATE channel_rule_state SET rule_version = rule_version + 1 WHERE id = 1").update();
    }

    /** 0-based insertion index for a 1-based position; null or past the end appends. */
    private static int place(Integer position, int size) {
        return position == null ? size : Math.max(0, Math.min(size, position - 1));
    }

    private static String json(List<Condition> conditions) {
        return JSON.writeValueAsString(conditions);
    }

    private static Rule map(ResultSet rs, int n) throws SQLException {
        Condition[] conditions = JSON.readValue(rs.getString("conditions"), Condition[].class);
        return new Rule(rs.getLong("id"), rs.getInt("priority"), rs.getString("name"),
                Channel.fromCode(rs.getString("channel")), List.of(conditions), rs.getBoolean("enabled"),
                rs.getBoolean("builtin"), Instant.ofEpochMilli(rs.getLong("updated_at")));
    }
}

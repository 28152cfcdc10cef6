package dev.baton.measurement.internal;

import dev.baton.measurement.EngagementRollups;
import dev.baton.people.ContactDeleted;
import dev.baton.people.ContactsMerged;
import dev.baton.platform.ContactAliases;
import dev.baton.platform.Activity;
import dev.baton.platform.ActivityProcessor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Maintains the engagement rollups (engagement_summary per contact and account, channel_daily for
 * the dashboard) from the activity log; counts by type and day come from the log's subject index. Each batch is first aggregated in memory, so a contact with fifty page views in a
 * batch costs one upsert per table rather than fifty, then written with multi-row upserts. The
 * runtime runs {@link #apply} in the transaction that advances the offset, so the increments are
 * applied exactly once.
 */
@Component
class EngagementRollupProcessor implements ActivityProcessor {

    static final String CONTACT = "contact";
    static final String ACCOUNT = "account";
    /** channel_daily key for activities without a channel. */
    static final String NO_CHANNEL = "none";

    private static final long DAY_MS = 86_400_000L;

    private static final Upsert CONTACT_SUMMARY = summary(CONTACT);
    private static final Upsert ACCOUNT_SUMMARY = summary(ACCOUNT);
    private static final Upsert CHANNEL = new Upsert("channel_daily", "epoch_day, channel, activity_count", "(?,?,?)",
            "epoch_day, channel", "activity_count = channel_daily.activity_count + excluded.activity_count");

    // The subject kind is a constant in each statement (one statement per kind), which saves binding a
    // string per row. CASE WHEN instead of LEAST/GREATEST: SQLite has neither.
    private static Upsert summary(String kind) {
        return new Upsert("engagement_summary",
                "subject_kind, subject_id, first_activity_at, last_activity_at, activity_count",
                "('" + kind + "',?,?,?,?)", "subject_kind, subject_id",
                "first_activity_at = CASE WHEN excluded.first_activity_at < engagement_summary.first_activity_at "
                        + "THEN excluded.first_activity_at ELSE engagement_summary.first_activity_at END, "
                        + "last_activity_at = CASE WHEN excluded.last_activity_at > engagement_summary.last_activity_at "
                        + "THEN excluded.last_activity_at ELSE engagement_summary.last_activity_at END, "
                        + "activity_count = engagement_summary.activity_count + excluded.activity_count");
    }

    private final JdbcTemplate jdbc;
    private final ContactAliases aliases;

    EngagementRollupProcessor(JdbcTemplate jdbc, ContactAliases aliases) {
        this.jdbc = jdbc;
        this.aliases = aliases;
    }

    @Override
    public String name() {
        return EngagementRollups.PROCESSOR;
    }

    @Override
    public void apply(List<Activity> batch) {
        Rollup contacts = new Rollup();
        Rollup accounts = new Rollup();
        Map<ChannelKey, long[]> channels = new HashMap<>();
        java.util.Set<Long> ids = new java.util.HashSet<>();
        for (Activity a : batch) {
            if (a.contactId() != null) {
                ids.add(a.contactId());
            }
        }
        // a merged contact's activities count for the survivor, live and on rebuild (decision 0010)
        Map<Long, Long> survivors = aliases.survivors(ids);
        for (Activity a : batch) {
            long at = a.occurredAt().toEpochMilli();
            int day = (int) Math.floorDiv(at, DAY_MS);
            if (a.contactId() != null) {
                contacts.count(ContactAliases.resolve(survivors, a.contactId()), at);
            }
            if (a.accountId() != null) {
                accounts.count(a.accountId(), at);
            }
            String channel = a.channel() == null ? NO_CHANNEL : a.channel();
            channels.computeIfAbsent(new ChannelKey(day, channel), k -> new long[1])[0]++;
        }
        contacts.write(jdbc, CONTACT_SUMMARY);
        accounts.write(jdbc, ACCOUNT_SUMMARY);

        List<Map.Entry<ChannelKey, long[]>> c = new ArrayList<>(channels.entrySet());
        c.sort(Map.Entry.comparingByKey(ChannelKey.ORDER));
        CHANNEL.run(jdbc, c.size(), (ps, p, i) -> {
            var e = c.get(i);
            ps.setInt(p, e.getKey().day());
            ps.setString(p + 1, e.getKey().channel());
            ps.setLong(p + 2, e.getValue()[0]);
        });
    }

    /** One batch's counts for one kind of subject. */
    private static final class Rollup {
        final Map<Long, Summary> summaries = new HashMap<>();

        void count(long id, long at) {
            summaries.computeIfAbsent(id, k -> new Summary(at)).add(at);
        }

        // Key order keeps B-tree writes local and gives concurrent writers one lock order.
        void write(JdbcTemplate jdbc, Upsert summaryUpsert) {
            List<Map.Entry<Long, Summary>> s = new ArrayList<>(summaries.entrySet());
            s.sort(Map.Entry.comparingByKey());
            summaryUpsert.run(jdbc, s.size(), (ps, p, i) -> {
                var e = s.get(i);
                ps.setLong(p, e.getKey());
                ps.setLong(p + 1, e.getValue().first);
                ps.setLong(p + 2, e.getValue().last);
                ps.setLong(p + 3, e.getValue().count);
            });
        }
    }

    @Override
    public void reset() {
        jdbc.update("DELETE FROM engagement_summary");
        jdbc.update("DELETE FROM channel_daily");
    }

    /**
     * Runs inside the deleting transaction: the person's rollups go with them. channel_daily keeps
     * its totals; they are anonymous counts per day and channel.
     */
    @EventListener
    void on(ContactDeleted event) {
        jdbc.update("DELETE FROM engagement_summary WHERE subject_kind = ? AND subject_id = ?", CONTACT,
                event.contactId());
    }

    /**
     * Runs inside the merging transaction: the merged contact's summary folds into the survivor's (earliest
     * first, latest last, counts added), which is what a rebuild computes once the tombstone resolves.
     */
    @EventListener
    void on(ContactsMerged event) {
        jdbc.update("INSERT INTO engagement_summary (subject_kind, subject_id, first_activity_at, last_activity_at, "
                + "activity_count) SELECT subject_kind, ?, first_activity_at, last_activity_at, activity_count "
                + "FROM engagement_summary WHERE subject_kind = ? AND subject_id = ? "
                + "ON CONFLICT (subject_kind, subject_id) DO UPDATE SET "
                + "first_activity_at = CASE WHEN excluded.first_activity_at < engagement_summary.first_activity_at "
                + "THEN excluded.first_activity_at ELSE engagement_summary.first_activity_at END, "
                + "last_activity_at = CASE WHEN excluded.last_activity_at > engagement_summary.last_activity_at "
                + "THEN excluded.last_activity_at ELSE engagement_summary.last_activity_at END, "
                + "activity_count = engagement_summary.activity_count + excluded.activity_count",
                event.survivorId(), CONTACT, event.mergedId());
        jdbc.update("DELETE FROM engagement_summary WHERE subject_kind = ? AND subject_id = ?", CONTACT,
                event.mergedId());
    }

    private record ChannelKey(int day, String channel) {
        static final Comparator<ChannelKey> ORDER = Comparator.comparingInt(ChannelKey::day)
                .thenComparing(ChannelKey::channel);
    }

    private static final class Summary {
        long first;
        long last;
        long count;

        Summary(long at) {
            first = at;
            last = at;
        }

        void add(long at) {
            if (at < first) {
                first = at;
            }
            if (at > last) {
                last = at;
            }
            count++;
        }
    }
}

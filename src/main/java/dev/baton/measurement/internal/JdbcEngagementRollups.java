package dev.baton.measurement.internal;

import dev.baton.measurement.ChannelDay;
import dev.baton.measurement.Engagement;
import dev.baton.measurement.EngagementRollups;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Reads the rollups the engagement processor maintains. The 7/30/90-day windows are whole UTC days
 * ending with today (by the injected clock), so "last 7 days" is today and the six days before it.
 */
@Service
class JdbcEngagementRollups implements EngagementRollups {

    private static final int IN_CHUNK = 500;

    private final JdbcClient jdbc;
    private final Clock clock;

    JdbcEngagementRollups(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public Optional<Engagement> forContact(long contactId) {
        return engagement(EngagementRollupProcessor.CONTACT, contactId);
    }

    @Override
    public Optional<Engagement> forAccount(long accountId) {
        return engagement(EngagementRollupProcessor.ACCOUNT, accountId);
    }

    private Optional<Engagement> engagement(String kind, long id) {
        record Head(long first, long last, long total) {
        }
        Optional<Head> head = jdbc.sql("SELECT first_activity_at, last_activity_at, activity_count "
                        + "FROM engagement_summary WHERE subject_kind = ? AND subject_id = ?")
                .params(kind, id)
                .query((rs, n) -> new Head(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
                .optional();
        if (head.isEmpty()) {
            return Optional.empty();
        }
        long today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toEpochDay();
        record TypeRow(String type, long total, long d7, long d30, long d90) {
        }
        // Future-dated activities (clock skew at the source) count in the total but in no window.
        List<TypeRow> rows = jdbc.sql("SELECT activity_type, SUM(activity_count), "
                        + "SUM(CASE WHEN epoch_day > ? AND epoch_day <= ? THEN activity_count ELSE 0 END), "
                        + "SUM(CASE WHEN epoch_day > ? AND epoch_day <= ? THEN activity_count ELSE 0 END), "
                        + "SUM(CASE WHEN epoch_day > ? AND epoch_day <= ? THEN activity_count ELSE 0 END) "
                        + "FROM engagement_daily WHERE subject_kind = ? AND subject_id = ? GROUP BY activity_type")
                .params(today - 7, today, today - 30, today, today - 90, today, kind, id)
                .query((rs, n) -> new TypeRow(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5)))
                .list();
        long d7 = 0;
        long d30 = 0;
        long d90 = 0;
        List<TypeRow> sorted = new ArrayList<>(rows);
        sorted.sort((a, b) -> a.total() != b.total() ? Long.compare(b.total(), a.total())
                : a.type().compareTo(b.type()));
        Map<String, Long> byType = new LinkedHashMap<>();
        for (TypeRow r : sorted) {
            d7 += r.d7();
            d30 += r.d30();
            d90 += r.d90();
            byType.put(r.type(), r.total());
        }
        Head h = head.get();
        return Optional.of(new Engagement(Instant.ofEpochMilli(h.first()), Instant.ofEpochMilli(h.last()), h.total(),
                d7, d30, d90, Collections.unmodifiableMap(byType)));
    }

    @Override
    public Map<Long, Instant> lastActivityOfContacts(Collection<Long> contactIds) {
        return lastActivity(EngagementRollupProcessor.CONTACT, contactIds);
    }

    @Override
    public Map<Long, Instant> lastActivityOfAccounts(Collection<Long> accountIds) {
        return lastActivity(EngagementRollupProcessor.ACCOUNT, accountIds);
    }

    private Map<Long, Instant> lastActivity(String kind, Collection<Long> ids) {
        Map<Long, Instant> result = new HashMap<>();
        List<Long> distinct = ids.stream().filter(java.util.Objects::nonNull).distinct().toList();
        for (int from = 0; from < distinct.size(); from += IN_CHUNK) {
            List<Long> chunk = distinct.subList(from, Math.min(distinct.size(), from + IN_CHUNK));
            List<Object> params = new ArrayList<>(chunk.size() + 1);
            params.add(kind);
            params.addAll(chunk);
            jdbc.sql("SELECT subject_id, last_activity_at FROM engagement_summary WHERE subject_kind = ? "
                            + "AND subject_id IN (" + "?,".repeat(chunk.size() - 1) + "?)")
                    .params(params)
                    .query(rs -> {
                        result.put(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)));
                    });
        }
        return result;
    }

    @Override
    public List<ChannelDay> channelTrend(LocalDate from, LocalDate to) {
        return jdbc.sql("SELECT epoch_day, channel, activity_count FROM channel_daily "
                        + "WHERE epoch_day >= ? AND epoch_day <= ? ORDER BY epoch_day, channel")
                .params(from.toEpochDay(), to.toEpochDay())
                .query((rs, n) -> new ChannelDay(LocalDate.ofEpochDay(rs.getLong(1)), rs.getString(2),
                        rs.getLong(3)))
                .list();
    }
}

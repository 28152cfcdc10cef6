package dev.baton.measurement.internal;

import dev.baton.measurement.ChannelDay;
import dev.baton.measurement.Engagement;
import dev.baton.measurement.EngagementRollups;
import dev.baton.platform.ActivityLog;
import java.time.Clock;
import java.time.Duration;
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
 * Reads the rollups the engagement processor maintains (first/last/total, channel trend) and, for
 * counts by type and the 7/30/90-day windows, the log's subject index. Windows are whole UTC days
 * ending with today (by the injected clock), so "last 7 days" is today and the six days before it.
 */
@Service
class JdbcEngagementRollups implements EngagementRollups {

    private static final int IN_CHUNK = 500;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ActivityLog activityLog;

    JdbcEngagementRollups(JdbcClient jdbc, Clock clock, ActivityLog activityLog) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.activityLog = activityLog;
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
        // Whole UTC days ending with today; future-dated activities count in the total but in no window.
        Instant startOfToday = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC)
                .toInstant();
        Instant tomorrow = startOfToday.plus(Duration.ofDays(1));
        ActivityLog.SubjectKind subject = kind.equals(EngagementRollupProcessor.CONTACT)
                ? ActivityLog.SubjectKind.CONTACT : ActivityLog.SubjectKind.ACCOUNT;
        List<ActivityLog.TypeCount> rows = activityLog.typeCounts(subject, id,
                startOfToday.minus(Duration.ofDays(6)), startOfToday.minus(Duration.ofDays(29)),
                startOfToday.minus(Duration.ofDays(89)), tomorrow);
        long d7 = 0;
        long d30 = 0;
        long d90 = 0;
        List<ActivityLog.TypeCount> sorted = new ArrayList<>(rows);
        sorted.sort((a, b) -> a.total() != b.total() ? Long.compare(b.total(), a.total())
                : a.type().compareTo(b.type()));
        Map<String, Long> byType = new LinkedHashMap<>();
        for (ActivityLog.TypeCount r : sorted) {
            d7 += r.last7();
            d30 += r.last30();
            d90 += r.last90();
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

package dev.baton.platform.internal;

import dev.baton.platform.Activity;
import dev.baton.platform.ActivityLog;
import dev.baton.platform.ActivityQuery;
import dev.baton.platform.Dialect;
import dev.baton.platform.Ids;
import dev.baton.platform.NewActivity;
import dev.baton.platform.SqlQuery;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

@Repository
class JdbcActivityLog implements ActivityLog {

    static final String COLUMNS = "id, occurred_at, recorded_at, activity_type, contact_id, account_id, campaign_id, "
            + "channel, utm_source, utm_medium, utm_campaign, utm_term, utm_content, props";

    /** The columns qualified with the alias {@code a}, for joins with activity_subject. */
    private static final String PREFIXED = "a." + COLUMNS.replace(", ", ", a.");

    private static final String INSERT = "INSERT INTO activity (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)";

    static final RowMapper<Activity> MAPPER = JdbcActivityLog::map;

    private static final int CHUNK = 2_000;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final TransactionTemplate tx;
    private final Dialect dialect;
    private final Clock clock;

    JdbcActivityLog(JdbcClient jdbc, JdbcTemplate template, TransactionTemplate tx, Dialect dialect, Clock clock) {
        this.jdbc = jdbc;
        this.template = template;
        this.tx = tx;
        this.dialect = dialect;
        this.clock = clock;
    }

    @Override
    public List<Long> append(List<NewActivity> activities) {
        if (activities.isEmpty()) {
            return List.of();
        }
        return tx.execute(status -> {
            dialect.lockActivityLog(jdbc);
            long previous = lastId();
            long recordedAt = clock.millis();
            List<Long> ids = new ArrayList<>(activities.size());
            for (int i = 0; i < activities.size(); i++) {
                // Never go backwards, even if this node's clock is behind the node that wrote last.
                long id = Math.max(Ids.next(), previous + 1);
                ids.add(id);
                previous = id;
            }
            if (!dialect.isSqlite()) {
                copy(ids, recordedAt, activities);
                return ids;
            }
            for (int from = 0; from < activities.size(); from += CHUNK) {
                int to = Math.min(activities.size(), from + CHUNK);
                List<NewActivity> chunk = activities.subList(from, to);
                List<Long> chunkIds = ids.subList(from, to);
                template.batchUpdate(INSERT, new org.springframework.jdbc.core.BatchPreparedStatementSetter() {
                    @Override
                    public void setValues(PreparedStatement ps, int i) throws SQLException {
                        bind(ps, chunkIds.get(i), recordedAt, chunk.get(i));
                    }

                    @Override
                    public int getBatchSize() {
                        return chunk.size();
                    }
                });
            }
            return ids;
        });
    }

    /**
     * PostgreSQL: one COPY per append, in the append transaction and under the same lock. COPY skips
     * per-statement parsing and planning; measured about 30% faster than batched multi-row INSERTs
     * (docs/benchmarks.md).
     */
    private void copy(List<Long> ids, long recordedAt, List<NewActivity> activities) {
        StringBuilder text = new StringBuilder(activities.size() * 200);
        for (int i = 0; i < activities.size(); i++) {
            NewActivity a = activities.get(i);
            text.append(ids.get(i)).append('\t').append(a.occurredAt().toEpochMilli()).append('\t').append(recordedAt);
            copyField(text, a.type());
            copyField(text, a.contactId());
            copyField(text, a.accountId());
            copyField(text, a.campaignId());
            copyField(text, a.channel());
            copyField(text, a.utm().source());
            copyField(text, a.utm().medium());
            copyField(text, a.utm().campaign());
            copyField(text, a.utm().term());
            copyField(text, a.utm().content());
            copyField(text, a.props());
            text.append('\n');
        }
        template.execute((org.springframework.jdbc.core.ConnectionCallback<Long>) connection -> {
            try {
                return new org.postgresql.copy.CopyManager(connection.unwrap(org.postgresql.core.BaseConnection.class))
                        .copyIn("COPY activity (" + COLUMNS + ") FROM STDIN", new java.io.StringReader(text.toString()));
            } catch (java.io.IOException e) {
                throw new SQLException("COPY into activity failed", e);
            }
        });
    }

    /** A column in COPY's text format: tab-separated, \N for null, backslash escapes. */
    private static void copyField(StringBuilder text, Object value) {
        text.append('\t');
        if (value == null) {
            text.append("\\N");
            return;
        }
        String v = value.toString();
        for (int i = 0; i < v.length(); i++) {
            char ch = v.charAt(i);
            switch (ch) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> text.append(ch);
            }
        }
    }

    private static void bind(PreparedStatement ps, long id, long recordedAt, NewActivity a) throws SQLException {
        ps.setLong(1, id);
        ps.setLong(2, a.occurredAt().toEpochMilli());
        ps.setLong(3, recordedAt);
        ps.setString(4, a.type());
        setLong(ps, 5, a.contactId());
        setLong(ps, 6, a.accountId());
        setLong(ps, 7, a.campaignId());
        ps.setString(8, a.channel());
        ps.setString(9, a.utm().source());
        ps.setString(10, a.utm().medium());
        ps.setString(11, a.utm().campaign());
        ps.setString(12, a.utm().term());
        ps.setString(13, a.utm().content());
        ps.setString(14, a.props());
    }

    private static void setLong(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, value);
        }
    }

    @Override
    public List<Activity> readAfter(long afterId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM activity WHERE id > ? ORDER BY id LIMIT ?")
                .params(afterId, limit).query(MAPPER).list();
    }

    @Override
    public long lastId() {
        // MAX over an empty table is one row holding NULL, which query(Long.class).single() rejects.
        return jdbc.sql("SELECT MAX(id) FROM activity").query((rs, n) -> rs.getLong(1)).single();
    }

    @Override
    public long countAfter(long afterId) {
        return jdbc.sql("SELECT COUNT(*) FROM activity WHERE id > ?").param(afterId).query(Long.class).single();
    }

    @Override
    public long count() {
        return countAfter(Long.MIN_VALUE);
    }

    @Override
    public Optional<Activity> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM activity WHERE id = ?").param(id).query(MAPPER).optional();
    }

    @Override
    public List<Activity> list(ActivityQuery q) {
        // A subject filter (contact, account, campaign) drives the query through activity_subject; the
        // other filters apply to the log row itself.
        SubjectKind driver = q.contactId() != null ? SubjectKind.CONTACT
                : q.accountId() != null ? SubjectKind.ACCOUNT : q.campaignId() != null ? SubjectKind.CAMPAIGN : null;
        StringBuilder sql = new StringBuilder("SELECT " + PREFIXED + " FROM ");
        List<Object> params = new ArrayList<>();
        if (driver == null) {
            sql.append("activity a WHERE 1=1");
        } else {
            sql.append("activity_subject s JOIN activity a ON a.id = s.activity_id "
                    + "WHERE s.subject_kind = ? AND s.subject_id = ?");
            params.add(driver.code());
            params.add(driver == SubjectKind.CONTACT ? q.contactId()
                    : driver == SubjectKind.ACCOUNT ? q.accountId() : q.campaignId());
        }
        where(sql, params, "a.contact_id = ?", driver == SubjectKind.CONTACT ? null : q.contactId());
        where(sql, params, "a.account_id = ?", driver == SubjectKind.ACCOUNT ? null : q.accountId());
        where(sql, params, "a.campaign_id = ?", driver == SubjectKind.CAMPAIGN ? null : q.campaignId());
        where(sql, params, "a.activity_type = ?", q.type());
        where(sql, params, "a.channel = ?", q.channel());
        where(sql, params, "a.occurred_at >= ?", q.since() == null ? null : q.since().toEpochMilli());
        where(sql, params, "a.occurred_at < ?", q.until() == null ? null : q.until().toEpochMilli());
        where(sql, params, "a.id < ?", q.beforeId());
        sql.append(" ORDER BY a.id DESC LIMIT ?");
        params.add(q.limit());
        return jdbc.sql(sql.toString()).params(params).query(MAPPER).list();
    }

    private static void where(StringBuilder sql, List<Object> params, String clause, Object value) {
        if (value != null) {
            sql.append(" AND ").append(clause);
            params.add(value);
        }
    }

    @Override
    public void moveContactIndex(long fromContactId, long toContactId) {
        // an activity has one contact, so no moved entry can collide with one the survivor already has
        jdbc.sql("UPDATE activity_subject SET subject_id = ? WHERE subject_kind = ? AND subject_id = ?")
                .params(toContactId, SubjectKind.CONTACT.code(), fromContactId).update();
    }

    @Override
    public List<Activity> timeline(SubjectKind kind, long subjectId, TimelineCursor before, int limit) {
        String from = "SELECT " + PREFIXED + " FROM activity_subject s JOIN activity a ON a.id = s.activity_id "
                + "WHERE s.subject_kind = ? AND s.subject_id = ?";
        String order = " ORDER BY s.occurred_at DESC, s.activity_id DESC LIMIT ?";
        if (before == null) {
            return jdbc.sql(from + order).params(kind.code(), subjectId, limit).query(MAPPER).list();
        }
        long at = before.occurredAt().toEpochMilli();
        return jdbc.sql(from + " AND (s.occurred_at < ? OR (s.occurred_at = ? AND s.activity_id < ?))" + order)
                .params(kind.code(), subjectId, at, at, before.id(), limit).query(MAPPER).list();
    }

    @Override
    public List<TypeCount> typeCounts(SubjectKind kind, long subjectId, Instant since7, Instant since30,
            Instant since90, Instant until) {
        long end = until.toEpochMilli();
        return jdbc.sql("SELECT activity_type, COUNT(*), "
                        + "SUM(CASE WHEN occurred_at >= ? AND occurred_at < ? THEN 1 ELSE 0 END), "
                        + "SUM(CASE WHEN occurred_at >= ? AND occurred_at < ? THEN 1 ELSE 0 END), "
                        + "SUM(CASE WHEN occurred_at >= ? AND occurred_at < ? THEN 1 ELSE 0 END) "
                        + "FROM activity_subject WHERE subject_kind = ? AND subject_id = ? GROUP BY activity_type")
                .params(since7.toEpochMilli(), end, since30.toEpochMilli(), end, since90.toEpochMilli(), end,
                        kind.code(), subjectId)
                .query((rs, n) -> new TypeCount(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5)))
                .list();
    }

    private static Activity map(ResultSet rs, int row) throws SQLException {
        return new Activity(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)), Instant.ofEpochMilli(rs.getLong(3)),
                rs.getString(4), SqlQuery.nullableLong(rs, 5), SqlQuery.nullableLong(rs, 6), SqlQuery.nullableLong(rs, 7), rs.getString(8),
                new Activity.Utm(rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12),
                        rs.getString(13)),
                rs.getString(14));
    }
}

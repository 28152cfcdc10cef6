package dev.baton.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Builds a filtered, sorted, paged SELECT with positional parameters: the one way list screens and
 * list endpoints query. Filters whose value is null are skipped; sort columns come from a fixed map,
 * never from user text.
 */
public final class SqlQuery {

    private final String select;
    private final StringBuilder where = new StringBuilder();
    private final List<Object> params = new ArrayList<>();

    private SqlQuery(String select) {
        this.select = select;
    }

    /** @param select e.g. {@code "SELECT a, b FROM contact"}, without WHERE */
    public static SqlQuery from(String select) {
        return new SqlQuery(select);
    }

    public SqlQuery where(String clause, Object value) {
        if (value != null) {
            where.append(where.isEmpty() ? " WHERE " : " AND ").append(clause);
            params.add(value instanceof Enum<?> e ? e.name() : value);
        }
        return this;
    }

    /** A condition without a parameter, always applied. */
    public SqlQuery where(String clause) {
        where.append(where.isEmpty() ? " WHERE " : " AND ").append(clause);
        return this;
    }

    /** Case-insensitive substring match of {@code text} over any of the columns. */
    public SqlQuery matching(String text, String... columns) {
        if (text == null || text.isBlank()) {
            return this;
        }
        String pattern = "%" + text.trim().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                .replace("_", "\\_") + "%";
        where.append(where.isEmpty() ? " WHERE (" : " AND (");
        for (int i = 0; i < columns.length; i++) {
            where.append(i == 0 ? "" : " OR ").append("LOWER(").append(columns[i]).append(") LIKE ? ESCAPE '\\'");
            params.add(pattern);
        }
        where.append(')');
        return this;
    }

    public long count(JdbcClient jdbc, String table) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table + where).params(params).query(Long.class).single();
    }

    /**
     * Runs the query for one page. In cursor mode rows come in id order after {@code afterId}; otherwise in
     * the chosen sort (ties broken by id) from {@code offset}.
     */
    public <S extends Enum<S>, T> List<T> page(JdbcClient jdbc, SortOrder<S> order, Map<S, String> sortColumns,
            RowMapper<T> mapper) {
        List<Object> all = new ArrayList<>(params);
        StringBuilder sql = new StringBuilder(select).append(where);
        if (order.isCursor()) {
            if (order.afterId() != null) {
                sql.append(where.isEmpty() ? " WHERE " : " AND ").append("id > ?");
                all.add(order.afterId());
            }
            sql.append(" ORDER BY id LIMIT ?");
            all.add(order.limit());
        } else {
            String column = sortColumns.get(order.sort());
            String direction = order.descending() ? " DESC" : " ASC";
            sql.append(" ORDER BY ").append(column).append(direction).append(", id").append(direction)
                    .append(" LIMIT ? OFFSET ?");
            all.add(order.limit());
            all.add(order.offset());
        }
        return jdbc.sql(sql.toString()).params(all).query(mapper).list();
    }

    /** Runs the query with a trailing clause such as GROUP BY, without paging. */
    public <T> List<T> groupedList(JdbcClient jdbc, String tail, RowMapper<T> mapper) {
        return jdbc.sql(select + where + tail).params(params).query(mapper).list();
    }

    /** Nullable column readers shared by the repositories. */
    public static Long nullableLong(java.sql.ResultSet rs, int index) throws java.sql.SQLException {
        long v = rs.getLong(index);
        return rs.wasNull() ? null : v;
    }

    public static Integer nullableInt(java.sql.ResultSet rs, int index) throws java.sql.SQLException {
        int v = rs.getInt(index);
        return rs.wasNull() ? null : v;
    }

    public static java.time.Instant nullableInstant(java.sql.ResultSet rs, int index) throws java.sql.SQLException {
        long v = rs.getLong(index);
        return rs.wasNull() ? null : java.time.Instant.ofEpochMilli(v);
    }

    public static java.time.LocalDate nullableDate(java.sql.ResultSet rs, int index) throws java.sql.SQLException {
        String v = rs.getString(index);
        return v == null ? null : java.time.LocalDate.parse(v);
    }
}

package dev.baton.measurement.internal;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A portable multi-row {@code INSERT ... VALUES (...), (...) ON CONFLICT (...) DO UPDATE SET ...}.
 * Rows go in statements of {@link #ROWS} rows, each statement prepared once per batch: one round
 * trip (PostgreSQL) or one VM run (SQLite) per hundreds of rows instead of per row. Callers must not
 * pass the same key twice in one run (PostgreSQL rejects a statement that updates a row twice).
 */
final class Upsert {

    /** Rows per statement; x5 columns stays far below both engines' parameter limits. */
    static final int ROWS = 256;

    interface RowBinder {
        /** Binds row {@code row} starting at parameter index {@code first}. */
        void bind(PreparedStatement ps, int first, int row) throws SQLException;
    }

    private final String prefix;
    private final String suffix;
    private final String rowPlaceholders;
    private final int columns;
    private final String fullSql;

    /**
     * @param rowTemplate one row of the VALUES list, e.g. {@code ('contact',?,?,?,?)}: constants that are
     *                    the same for every row are written into the SQL instead of bound per row
     */
    Upsert(String table, String columnList, String rowTemplate, String conflictColumns, String updateSet) {
        this.columns = (int) rowTemplate.chars().filter(ch -> ch == '?').count();
        this.prefix = "INSERT INTO " + table + " (" + columnList + ") VALUES ";
        this.suffix = " ON CONFLICT (" + conflictColumns + ") DO UPDATE SET " + updateSet;
        this.rowPlaceholders = rowTemplate;
        this.fullSql = sql(ROWS);
    }

    private String sql(int rows) {
        StringBuilder sb = new StringBuilder(prefix.length() + suffix.length() + rows * (rowPlaceholders.length() + 1));
        sb.append(prefix);
        for (int r = 0; r < rows; r++) {
            if (r > 0) {
                sb.append(',');
            }
            sb.append(rowPlaceholders);
        }
        return sb.append(suffix).toString();
    }

    /** Writes {@code rowCount} rows on the current transaction's connection. */
    void run(JdbcTemplate jdbc, int rowCount, RowBinder binder) {
        if (rowCount == 0) {
            return;
        }
        jdbc.execute((ConnectionCallback<Void>) con -> {
            int full = rowCount / ROWS;
            if (full > 0) {
                try (PreparedStatement ps = con.prepareStatement(fullSql)) {
                    for (int s = 0; s < full; s++) {
                        bindRows(ps, binder, s * ROWS, ROWS);
                        ps.executeUpdate();
                    }
                }
            }
            int rest = rowCount - full * ROWS;
            if (rest > 0) {
                try (PreparedStatement ps = con.prepareStatement(sql(rest))) {
                    bindRows(ps, binder, full * ROWS, rest);
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }

    private void bindRows(PreparedStatement ps, RowBinder binder, int from, int rows) throws SQLException {
        for (int r = 0; r < rows; r++) {
            binder.bind(ps, r * columns + 1, from + r);
        }
    }
}

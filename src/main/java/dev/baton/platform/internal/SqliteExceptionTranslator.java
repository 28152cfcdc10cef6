package dev.baton.platform.internal;

import java.sql.SQLException;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;
import org.springframework.jdbc.support.SQLExceptionTranslator;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Spring has no error-code table for SQLite, so constraint failures would surface as "uncategorized".
 * This maps SQLite's extended result codes to the same exceptions PostgreSQL produces, so callers
 * handle a taken email or a foreign-key refusal the same way on both engines.
 */
class SqliteExceptionTranslator implements SQLExceptionTranslator {

    private final SQLExceptionTranslator fallback = new SQLErrorCodeSQLExceptionTranslator();

    @Override
    public DataAccessException translate(String task, String sql, SQLException ex) {
        if (ex instanceof SQLiteException sqlite) {
            SQLiteErrorCode code = sqlite.getResultCode();
            String message = task + "; " + ex.getMessage();
            switch (code) {
                case SQLITE_CONSTRAINT_UNIQUE, SQLITE_CONSTRAINT_PRIMARYKEY:
                    return new DuplicateKeyException(message, ex);
                case SQLITE_BUSY, SQLITE_BUSY_SNAPSHOT, SQLITE_BUSY_RECOVERY, SQLITE_LOCKED:
                    return new CannotAcquireLockException(message, ex);
                default:
                    if (code.name().startsWith("SQLITE_CONSTRAINT")) {
                        return new DataIntegrityViolationException(message, ex);
                    }
            }
        }
        return fallback.translate(task, sql, ex);
    }
}

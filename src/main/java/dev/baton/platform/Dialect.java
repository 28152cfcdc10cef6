package dev.baton.platform;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The one seam where SQLite and PostgreSQL differ. Everything else is portable SQL.
 */
public interface Dialect {

    /** "sqlite" or "postgresql"; also the Flyway vendor folder. */
    String name();

    default boolean isSqlite() {
        return name().equals("sqlite");
    }

    /**
     * Serialises appends to the activity log across threads and, on PostgreSQL, across nodes, for
     * the rest of the current transaction. Callers must hold a transaction.
     */
    void lockActivityLog(JdbcClient jdbc);

    /**
     * Suffix for a SELECT that claims rows for this node: {@code FOR UPDATE SKIP LOCKED} on PostgreSQL,
     * empty on SQLite, whose IMMEDIATE transactions already hold the single write lock.
     */
    String claimSuffix();


    /** Human-readable description of where the data lives, for the banner. */
    String location();
}

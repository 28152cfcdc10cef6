package dev.baton.platform.internal;

import dev.baton.platform.Dialect;
import org.springframework.jdbc.core.simple.JdbcClient;

record PostgresDialect(String url) implements Dialect {

    /** Arbitrary constant naming the activity-log append lock among advisory locks. */
    private static final long ACTIVITY_LOG_LOCK = 0x62746F6E_6C6F67L;

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public void lockActivityLog(JdbcClient jdbc) {
        jdbc.sql("SELECT pg_advisory_xact_lock(?)").param(ACTIVITY_LOG_LOCK).query(Object.class).list();
    }

    @Override
    public String claimSuffix() {
        return " FOR UPDATE SKIP LOCKED";
    }


    @Override
    public String location() {
        int q = url.indexOf('?');
        return "PostgreSQL " + (q < 0 ? url : url.substring(0, q));
    }
}

package dev.baton.platform.internal;

import dev.baton.platform.Dialect;
import org.springframework.jdbc.core.simple.JdbcClient;

record SqliteDialect(String url) implements Dialect {

    @Override
    public String name() {
        return "sqlite";
    }

    @Override
    public void lockActivityLog(JdbcClient jdbc) {
        // Transactions are BEGIN IMMEDIATE: the transaction already holds SQLite's only write lock.
    }

    @Override
    public String claimSuffix() {
        return "";
    }


    @Override
    public String location() {
        return "SQLite file " + url.substring("jdbc:sqlite:".length());
    }
}

package dev.baton.platform;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

/** kill -9 on the embedded engine: the default SQLite file in BATON_DATA_DIR. */
class ProcessorCrashSqliteTest extends ProcessorCrashContract {

    @Override
    String freshDatabaseUrl() {
        return "jdbc:sqlite:" + dir.resolve("data").resolve("baton.db");
    }

    @Override
    String vendor() {
        return "sqlite";
    }

    @Override
    Connection connect(String url) throws SQLException {
        try {
            java.nio.file.Files.createDirectories(dir.resolve("data"));
        } catch (java.io.IOException e) {
            throw new SQLException(e);
        }
        // WAL like Baton itself, so the test's polling never blocks the child's writes.
        return DriverManager.getConnection(url + "?journal_mode=WAL&busy_timeout=30000");
    }

    @Override
    Map<String, String> databaseEnv(String url) {
        return Map.of(); // no BATON_DB_URL: Baton's default, baton.db in the data directory
    }
}

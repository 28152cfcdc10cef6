package dev.baton.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Supplies the database for engine-specific test subclasses. Contract tests are abstract classes;
 * each has a {@code ...SqliteTest} subclass and a {@code ...PostgresTest} subclass (the latter runs
 * when {@code BATON_TEST_PG_URL} is set) whose {@code @DynamicPropertySource} calls one of these.
 */
public final class TestEngines {

    public static final String PG_URL_ENV = "BATON_TEST_PG_URL";

    private TestEngines() {
    }

    /** A fresh SQLite file in a temporary directory. */
    public static void sqlite(DynamicPropertyRegistry registry) {
        String url = "jdbc:sqlite:" + freshSqliteFile();
        registry.add("baton.db.url", () -> url);
    }

    public static Path freshSqliteFile() {
        try {
            Path dir = Files.createTempDirectory("baton-test-");
            dir.toFile().deleteOnExit();
            return dir.resolve("baton.db");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh, empty schema in the PostgreSQL database named by BATON_TEST_PG_URL. */
    public static void postgres(DynamicPropertyRegistry registry) {
        String url = freshPostgresSchemaUrl();
        registry.add("baton.db.url", () -> url);
        registry.add("baton.db.user", TestEngines::pgUser);
        registry.add("baton.db.password", TestEngines::pgPassword);
    }

    public static String freshPostgresSchemaUrl() {
        String base = System.getenv(PG_URL_ENV);
        if (base == null || base.isBlank()) {
            throw new IllegalStateException(PG_URL_ENV + " is not set");
        }
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(base, pgUser(), pgPassword());
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test schema on " + base, e);
        }
        return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    static String pgUser() {
        String user = System.getenv("BATON_TEST_PG_USER");
        return user == null ? System.getProperty("user.name") : user;
    }

    static String pgPassword() {
        String password = System.getenv("BATON_TEST_PG_PASSWORD");
        return password == null ? "" : password;
    }
}

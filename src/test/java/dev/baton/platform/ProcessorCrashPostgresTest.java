package dev.baton.platform;

import dev.baton.support.TestEngines;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

@EnabledIfEnvironmentVariable(named = TestEngines.PG_URL_ENV, matches = ".+")
class ProcessorCrashPostgresTest extends ProcessorCrashContract {

    @Override
    String freshDatabaseUrl() {
        return TestEngines.freshPostgresSchemaUrl();
    }

    @Override
    String vendor() {
        return "postgresql";
    }

    @Override
    Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, user(), password());
    }

    @Override
    Map<String, String> databaseEnv(String url) {
        return Map.of("BATON_DB_URL", url, "BATON_DB_USER", user(), "BATON_DB_PASSWORD", password());
    }

    private static String user() {
        String user = System.getenv("BATON_TEST_PG_USER");
        return user == null ? System.getProperty("user.name") : user;
    }

    private static String password() {
        String password = System.getenv("BATON_TEST_PG_PASSWORD");
        return password == null ? "" : password;
    }
}

package dev.baton.demo;

import dev.baton.support.TestEngines;
import java.util.Map;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@EnabledIfEnvironmentVariable(named = "BATON_TEST_PG_URL", matches = ".+")
class DemoDataPostgresTest extends DemoDataContract {

    @DynamicPropertySource
    static void engine(DynamicPropertyRegistry r) {
        TestEngines.postgres(r);
    }

    @Override
    Map<String, Object> freshDatabase() {
        String user = System.getenv("BATON_TEST_PG_USER");
        String password = System.getenv("BATON_TEST_PG_PASSWORD");
        return Map.of("baton.db.url", TestEngines.freshPostgresSchemaUrl(),
                "baton.db.user", user == null ? System.getProperty("user.name") : user,
                "baton.db.password", password == null ? "" : password);
    }
}

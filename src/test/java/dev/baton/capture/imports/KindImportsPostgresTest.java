package dev.baton.capture.imports;

import dev.baton.support.TestEngines;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@EnabledIfEnvironmentVariable(named = TestEngines.PG_URL_ENV, matches = ".+")
class KindImportsPostgresTest extends KindImportsContract {

    @DynamicPropertySource
    static void engine(DynamicPropertyRegistry registry) {
        TestEngines.postgres(registry);
        String dir = tempDataDir().toString();
        registry.add("baton.data-dir", () -> dir);
    }
}

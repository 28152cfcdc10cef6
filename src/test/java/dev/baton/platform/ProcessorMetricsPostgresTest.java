package dev.baton.platform;

import dev.baton.support.TestEngines;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@EnabledIfEnvironmentVariable(named = TestEngines.PG_URL_ENV, matches = ".+")
class ProcessorMetricsPostgresTest extends ProcessorMetricsContract {

    @DynamicPropertySource
    static void engine(DynamicPropertyRegistry r) {
        TestEngines.postgres(r);
    }
}

package dev.baton.capture.channels;

import dev.baton.support.TestEngines;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@EnabledIfEnvironmentVariable(named = TestEngines.PG_URL_ENV, matches = ".+")
class ChannelRulesPostgresTest extends ChannelRulesContract {

    @DynamicPropertySource
    static void engine(DynamicPropertyRegistry registry) {
        TestEngines.postgres(registry);
    }
}

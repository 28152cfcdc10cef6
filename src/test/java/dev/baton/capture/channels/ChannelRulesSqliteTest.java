package dev.baton.capture.channels;

import dev.baton.support.TestEngines;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class ChannelRulesSqliteTest extends ChannelRulesContract {

    @DynamicPropertySource
    static void engine(DynamicPropertyRegistry registry) {
        TestEngines.sqlite(registry);
    }
}

package dev.baton.capture.webhooks;

import dev.baton.support.TestEngines;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class InboundWebhooksSqliteTest extends InboundWebhooksContract {

    @DynamicPropertySource
    static void engine(DynamicPropertyRegistry r) {
        TestEngines.sqlite(r);
    }
}

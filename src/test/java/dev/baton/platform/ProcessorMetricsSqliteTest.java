package dev.baton.platform;

import dev.baton.support.TestEngines;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class ProcessorMetricsSqliteTest extends ProcessorMetricsContract {

    @DynamicPropertySource
    static void engine(DynamicPropertyRegistry r) {
        TestEngines.sqlite(r);
    }
}

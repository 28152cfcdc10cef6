package dev.baton.capture.imports;

import dev.baton.support.TestEngines;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class ImportsApiSqliteTest extends ImportsApiContract {

    @DynamicPropertySource
    static void engine(DynamicPropertyRegistry registry) {
        TestEngines.sqlite(registry);
        String dir = ContactImportsContract.tempDataDir().toString();
        registry.add("baton.data-dir", () -> dir);
    }
}

package dev.baton.capture.imports;

import dev.baton.support.TestEngines;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class KindImportsSqliteTest extends KindImportsContract {

    @DynamicPropertySource
    static void engine(DynamicPropertyRegistry registry) {
        TestEngines.sqlite(registry);
        String dir = tempDataDir().toString();
        registry.add("baton.data-dir", () -> dir);
    }
}

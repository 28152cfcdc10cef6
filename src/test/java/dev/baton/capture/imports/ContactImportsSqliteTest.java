package dev.baton.capture.imports;

import dev.baton.support.TestEngines;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class ContactImportsSqliteTest extends ContactImportsContract {

    @DynamicPropertySource
    static void engine(DynamicPropertyRegistry registry) {
        TestEngines.sqlite(registry);
        String dir = tempDataDir().toString();
        registry.add("baton.data-dir", () -> dir);
    }
}

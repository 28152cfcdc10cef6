package dev.baton.web.ui;

import dev.baton.support.TestEngines;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@EnabledIfEnvironmentVariable(named = TestEngines.PG_URL_ENV, matches = ".+")
class ImportUploadLimitUiPostgresTest extends ImportUploadLimitUiContract {

    @DynamicPropertySource
    static void engine(DynamicPropertyRegistry r) {
        TestEngines.postgres(r);
    }
}

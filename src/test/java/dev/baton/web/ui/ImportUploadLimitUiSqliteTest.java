package dev.baton.web.ui;

import dev.baton.support.TestEngines;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class ImportUploadLimitUiSqliteTest extends ImportUploadLimitUiContract {

    @DynamicPropertySource
    static void engine(DynamicPropertyRegistry r) {
        TestEngines.sqlite(r);
    }
}

package dev.baton.capture.forms;

import dev.baton.support.TestEngines;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class FormRateLimitSqliteTest extends FormRateLimitContract {

    @DynamicPropertySource
    static void engine(DynamicPropertyRegistry r) {
        TestEngines.sqlite(r);
    }
}

package dev.baton.web.api;

import dev.baton.support.TestEngines;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class ApiCrudSqliteTest extends ApiCrudContract {

    @DynamicPropertySource
    static void engine(DynamicPropertyRegistry r) {
        TestEngines.sqlite(r);
    }
}

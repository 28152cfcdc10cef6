package dev.baton.demo;

import dev.baton.support.TestEngines;
import java.util.Map;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class DemoDataSqliteTest extends DemoDataContract {

    @DynamicPropertySource
    static void engine(DynamicPropertyRegistry r) {
        TestEngines.sqlite(r);
    }

    @Override
    Map<String, Object> freshDatabase() {
        return Map.of("baton.db.url", "jdbc:sqlite:" + TestEngines.freshSqliteFile());
    }
}

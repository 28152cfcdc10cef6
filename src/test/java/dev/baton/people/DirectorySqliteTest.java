package dev.baton.people;

import dev.baton.support.TestEngines;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class DirectorySqliteTest extends DirectoryContract {

    @DynamicPropertySource
    static void engine(DynamicPropertyRegistry registry) {
        TestEngines.sqlite(registry);
    }
}

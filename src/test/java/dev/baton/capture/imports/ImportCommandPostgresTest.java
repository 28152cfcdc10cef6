package dev.baton.capture.imports;

import dev.baton.support.TestEngines;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

@EnabledIfEnvironmentVariable(named = TestEngines.PG_URL_ENV, matches = ".+")
class ImportCommandPostgresTest extends ImportCommandContract {

    private final String url = TestEngines.freshPostgresSchemaUrl();

    @Override
    List<String> databaseArgs() {
        List<String> args = new ArrayList<>(List.of("--baton.db.url=" + url));
        String user = System.getenv("BATON_TEST_PG_USER");
        args.add("--baton.db.user=" + (user == null ? System.getProperty("user.name") : user));
        String password = System.getenv("BATON_TEST_PG_PASSWORD");
        if (password != null) {
            args.add("--baton.db.password=" + password);
        }
        return args;
    }
}

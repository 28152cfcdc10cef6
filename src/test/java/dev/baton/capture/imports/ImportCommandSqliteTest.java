package dev.baton.capture.imports;

import dev.baton.support.TestEngines;
import java.util.List;

class ImportCommandSqliteTest extends ImportCommandContract {

    private final String url = "jdbc:sqlite:" + TestEngines.freshSqliteFile();

    @Override
    List<String> databaseArgs() {
        return List.of("--baton.db.url=" + url);
    }
}

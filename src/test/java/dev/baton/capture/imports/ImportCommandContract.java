package dev.baton.capture.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.BatonApplication;
import dev.baton.capture.ImportCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code java -jar baton.jar import ...}: the CLI entry, started the way main() starts it (no web server). */
abstract class ImportCommandContract {

    /** Database arguments, e.g. --baton.db.url=... */
    abstract List<String> databaseArgs();

    record Result(int exit, String output) {
    }

    Result run(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(databaseArgs());
        all.add("--spring.profiles.active=test");
        int exit = ImportCommand.run(BatonApplication.class, all.toArray(String[]::new),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return new Result(exit, bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void importsAFileWithAPresetPrintingProgressAndTheErrorReportPath() throws Exception {
        Path dir = Files.createTempDirectory("baton-cli-");
        Path csv = dir.resolve("sf.csv");
        StringBuilder text = new StringBuilder("Contact ID,First Name,Last Name,Email,Account Name,Mailing Country\n");
        for (int i = 1; i <= 5; i++) {
            text.append("003X").append(i).append(",F").append(i).append(",L").append(i).append(",cli").append(i)
                    .append("@example.com,Acme,DE\n");
        }
        text.append("003X9,Bad,Email,not-an-email,Acme,DE\n"); // imported by external id, without the email
        Files.writeString(csv, text.toString());
        String data = "--baton.data-dir=" + dir.resolve("data");

        Result r = run("--file", csv.toString(), "--preset", "salesforce", "--match", "external_id", "--policy",
                "upsert", "--source", "Salesforce export", data);
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).contains("6 rows, UTF-8, comma-separated", "Account Name -> company",
                "Contact ID -> externalId", "6 / 6 rows", "completed: 6 created, 0 updated, 0 skipped, 1 row errors");
        Matcher m = Pattern.compile("error report: (.+)").matcher(r.output());
        assertThat(m.find()).isTrue();
        Path report = Path.of(m.group(1).trim());
        assertThat(Files.readAllLines(report)).containsExactly("row,column,value,message",
                "6,Email,not-an-email,not a valid email address");

        // the same file again: nothing changes
        Result again = run("--file", csv.toString(), "--preset", "salesforce", "--match", "external_id",
                "--source", "Salesforce export", data);
        assertThat(again.exit()).as(again.output()).isZero();
        assertThat(again.output()).contains("completed: 0 created, 0 updated, 6 skipped", "already imported");

        Path empty = dir.resolve("empty.csv");
        Files.writeString(empty, "");
        Result rejected = run("--file", empty.toString(), data);
        assertThat(rejected.exit()).isEqualTo(2);
        assertThat(rejected.output()).contains("rejected: the file is empty");

        assertThat(run("--policy", "sometimes").exit()).isEqualTo(2);
    }

    @Test
    void importsAccountsWithTheTargetOption() throws Exception {
        Path dir = Files.createTempDirectory("baton-cli-accounts-");
        Path csv = dir.resolve("accounts.csv");
        Files.writeString(csv, """
                Account ID,Account Name,Website,Employees
                001A1,Cli Alpha,https://cli-alpha.example.com,"2,000"
                001A2,Cli Beta,cli-beta.example.com,-3
                001A3,Cli Gamma,,12
                """);
        String data = "--baton.data-dir=" + dir.resolve("data");

        Result r = run("--file", csv.toString(), "--target", "accounts", "--preset", "salesforce accounts", data);
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).contains("Account ID -> externalId", "Website -> domain",
                "completed: 2 created, 0 updated, 0 skipped, 1 row errors");
        Matcher m = Pattern.compile("error report: (.+)").matcher(r.output());
        assertThat(m.find()).isTrue();
        assertThat(Files.readAllLines(Path.of(m.group(1).trim()))).containsExactly("row,column,value,message",
                "2,Employees,-3,employees is not a whole number ≥ 0");

        // another list source, so the run is not short-cut as an identical re-import: still nothing changes
        Result again = run("--file", csv.toString(), "--target", "accounts", "--preset", "salesforce accounts",
                "--source", "second pass", data);
        assertThat(again.exit()).as(again.output()).isZero();
        assertThat(again.output()).contains("completed: 0 created, 0 updated, 2 skipped, 1 row errors");

        Result badTarget = run("--file", csv.toString(), "--target", "planets", data);
        assertThat(badTarget.exit()).isEqualTo(2);
        assertThat(badTarget.output()).contains("usage:", "--target contacts|accounts|opportunities|campaign-members|cost-entries");
    }

    /**
     * A ~200 MB file through the CLI in a child JVM capped at 256 MB of heap: the file is streamed (stored,
     * inspected and imported chunk by chunk), never held in memory. Wide rows (a 2,000-character notes column)
     * keep the row count, and so the run time, moderate.
     */
    @Test
    void importsA200MegabyteFileInA256MegabyteHeap() throws Exception {
        Path dir = Files.createTempDirectory("baton-cli-large-");
        Path csv = dir.resolve("large.csv");
        int rows = 100_000;
        String notes = "x".repeat(2_000);
        try (java.io.BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            w.write("Email,First Name,Last Name,Company Name,Notes\n");
            for (int i = 0; i < rows; i++) {
                w.write("large" + i + "@example.com,First" + i + ",Last" + i + ",\"Company, Inc.\"," + notes + "\n");
            }
        }
        assertThat(Files.size(csv)).isGreaterThan(200_000_000L);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-cp", System.getProperty("java.class.path"), BatonApplication.class.getName(),
                "import", "--file", csv.toString(), "--baton.data-dir=" + dir.resolve("data"),
                "--spring.profiles.active=test"));
        command.addAll(databaseArgs());
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("out.txt")
                .toFile()).start();
        boolean finished = child.waitFor(5, java.util.concurrent.TimeUnit.MINUTES);
        if (!finished) {
            child.destroyForcibly();
        }
        String output = Files.readString(dir.resolve("out.txt"));
        assertThat(finished).as(output).isTrue();
        assertThat(child.exitValue()).as(output).isZero();
        assertThat(output).contains(rows + " rows, UTF-8, comma-separated",
                "completed: " + rows + " created, 0 updated, 0 skipped, 0 row errors");
        assertThat(output).doesNotContain("OutOfMemoryError");
        Files.delete(csv);
    }
}

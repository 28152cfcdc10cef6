package dev.baton.demo.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.demo.DemoSpec;
import dev.baton.measurement.EngagementRollups;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} during the demo load: Baton runs as a child JVM with {@code --demo}, is killed
 * (SIGKILL) once a month of activities has committed, and is started again. The restart must finish
 * the load with exactly the rows an uninterrupted load writes, process every activity once, and
 * leave a SQLite file that passes its integrity check.
 */
class DemoCrashRecoverySqliteTest {

    static final String SCALE = "0.25";

    @TempDir
    Path dataDir;

    @Test
    void killedDuringTheDemoLoadThenRestartedLoadsExactlyTheSameCompany() throws Exception {
        Path db = dataDir.resolve("baton.db");
        String url = "jdbc:sqlite:" + db;

        Process first = start("first.log");
        try {
            waitFor(Duration.ofMinutes(4), () -> scalar(url,
                    "SELECT COUNT(*) FROM job_run WHERE job_name LIKE 'demo.activities-%'") >= 1, first, "first.log");
        } finally {
            first.destroyForcibly(); // SIGKILL: no shutdown hooks, no rollback, no checkpoint
            first.waitFor(30, TimeUnit.SECONDS);
        }
        long monthsBeforeKill = scalar(url, "SELECT COUNT(*) FROM job_run WHERE job_name LIKE 'demo.activities-%'");
        assertThat(monthsBeforeKill).as("killed while loading, not after").isBetween(1L, 11L);
        assertThat(text(url, "SELECT status FROM job_run WHERE job_name = 'demo'")).isEqualTo("RUNNING");

        Process second = start("second.log");
        try {
            waitFor(Duration.ofMinutes(6), () -> "COMPLETED".equals(text(url,
                    "SELECT status FROM job_run WHERE job_name = 'demo'")) && log("second.log")
                    .contains("Baton is ready with demo data"), second, "second.log");
        } finally {
            second.destroy(); // a normal stop this time
            if (!second.waitFor(60, TimeUnit.SECONDS)) {
                second.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
        assertThat(log("second.log")).contains("Resuming");

        assertThat(text(url, "PRAGMA integrity_check")).isEqualTo("ok");
        DemoSpec spec = DemoSpec.parse(text(url, "SELECT detail FROM job_run WHERE job_name = 'demo'"));
        assertThat(spec.scale()).isEqualTo(Double.parseDouble(SCALE));
        Map<String, Long> expected = DemoPlan.generate(spec).counts();
        Map<String, Long> actual = new LinkedHashMap<>();
        for (String table : expected.keySet()) {
            actual.put(table, scalar(url, "SELECT COUNT(*) FROM " + table));
        }
        expected.put("app_user", expected.get("app_user") + 1); // plus the first-run administrator
        assertThat(actual).isEqualTo(expected);
        // Every activity counted exactly once by the rollups, across the kill.
        long activities = expected.get("activity");
        assertThat(scalar(url, "SELECT processed_count FROM processor_offset WHERE processor_name = '"
                + EngagementRollups.PROCESSOR + "'")).isEqualTo(activities);
        assertThat(scalar(url, "SELECT SUM(activity_count) FROM channel_daily")).isEqualTo(activities);
        assertThat(scalar(url, "SELECT COUNT(*) FROM (SELECT occurred_at, activity_type, contact_id, props "
                + "FROM activity GROUP BY occurred_at, activity_type, contact_id, props HAVING COUNT(*) > 1) d"))
                .as("no month written twice").isLessThan(activities / 100);
    }

    private Process start(String logName) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx768m", "-cp", System.getProperty("java.class.path"),
                "dev.baton.BatonApplication", "--demo", "--demo-scale", SCALE);
        pb.environment().put("BATON_DATA_DIR", dataDir.toString());
        pb.environment().put("BATON_PORT", "0");
        pb.environment().put("BATON_ADMIN_PASSWORD", "crash-test-password-1");
        pb.environment().remove("BATON_DB_URL");
        pb.redirectErrorStream(true);
        pb.redirectOutput(dataDir.resolve(logName).toFile());
        return pb.start();
    }

    private String log(String name) {
        try {
            File f = dataDir.resolve(name).toFile();
            return f.exists() ? Files.readString(f.toPath()) : "";
        } catch (IOException e) {
            return "";
        }
    }

    interface Check {
        boolean ok() throws Exception;
    }

    private void waitFor(Duration limit, Check check, Process process, String logName) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (check.ok()) {
                    return;
                }
            } catch (SQLException e) {
                // the schema may not exist yet
            }
            if (!process.isAlive()) {
                throw new AssertionError("Baton exited early with " + process.exitValue() + ":\n" + log(logName));
            }
            Thread.sleep(20);
        }
        throw new AssertionError("timed out; log:\n" + log(logName));
    }

    static long scalar(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    static String text(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}

package dev.baton.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.baton.measurement.EngagementRollups;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 during processing: Baton runs as a child JVM over a log big enough that the rollup processor
 * is still working when the test SIGKILLs it. After a restart the processor resumes from its stored
 * offset and the rollups count every activity exactly once. Everything is observed through plain
 * JDBC, the way an operator would look at the database.
 */
abstract class ProcessorCrashContract {

    static final int ACTIVITIES = 200_000;
    static final int CONTACTS = 5_000;
    static final int ACCOUNTS = 700;
    static final String[] TYPES = {"page_view", "email_opened", "email_clicked", "form_submitted"};
    static final String[] CHANNELS = {"email", "paid_search", "organic_search", null};

    @TempDir
    Path dir;

    private Process child;

    /** JDBC URL of a fresh, empty database for this test. */
    abstract String freshDatabaseUrl();

    /** Flyway vendor folder. */
    abstract String vendor();

    abstract Connection connect(String url) throws SQLException;

    /** BATON_* variables pointing the child at the database. */
    abstract Map<String, String> databaseEnv(String url);

    @AfterEach
    void stopChild() throws InterruptedException {
        if (child != null && child.isAlive()) {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void killDuringProcessingThenRestartCountsEveryActivityExactlyOnce() throws Exception {
        String url = freshDatabaseUrl();
        try (Connection c = connect(url)) {
            migrate(c);
            fillLog(c);
        }
        long lastId;
        try (Connection c = connect(url)) {
            lastId = single(c, "SELECT MAX(id) FROM activity");
        }

        System.out.printf("%tT log filled%n", System.currentTimeMillis());
        Path log1 = dir.resolve("first-run.log");
        child = start(url, log1);
        long seenOffset = waitForOffset(url, o -> o >= ACTIVITIES / 10 && o < lastId, log1);
        System.out.printf("%tT killing at offset %d%n", System.currentTimeMillis(), seenOffset);
        child.destroyForcibly(); // SIGKILL: no shutdown hooks, no graceful stop
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();

        long killedAt;
        long processedAtKill;
        try (Connection c = connect(url)) {
            assertThat(single(c, "SELECT COUNT(*) FROM activity")).isEqualTo(ACTIVITIES);
            killedAt = single(c, "SELECT last_activity_id FROM processor_offset WHERE processor_name = '"
                    + EngagementRollups.PROCESSOR + "'");
            processedAtKill = single(c, "SELECT processed_count FROM processor_offset WHERE processor_name = '"
                    + EngagementRollups.PROCESSOR + "'");
            assertThat(killedAt).as("the kill must land mid-processing; make the log bigger if it does not")
                    .isGreaterThanOrEqualTo(seenOffset).isLessThan(lastId);
            // What committed before the kill is self-consistent: effects exactly match the offset.
            long applied = single(c, "SELECT COUNT(*) FROM activity WHERE id <= " + killedAt);
            assertThat(processedAtKill).isEqualTo(applied);
            assertThat(single(c, "SELECT COALESCE(SUM(activity_count), 0) FROM channel_daily")).isEqualTo(applied);
        }

        Path log2 = dir.resolve("second-run.log");
        child = start(url, log2);
        waitForOffset(url, o -> o == lastId, log2);
        System.out.printf("%tT caught up after restart%n", System.currentTimeMillis());
        child.destroy(); // graceful this time
        if (!child.waitFor(60, TimeUnit.SECONDS)) {
            child.destroyForcibly();
        }

        try (Connection c = connect(url)) {
            assertThat(single(c, "SELECT processed_count FROM processor_offset WHERE processor_name = '"
                    + EngagementRollups.PROCESSOR + "'")).isEqualTo(ACTIVITIES);
            assertThat(single(c, "SELECT SUM(activity_count) FROM channel_daily")).isEqualTo(ACTIVITIES);
            long withContact = single(c, "SELECT COUNT(*) FROM activity WHERE contact_id IS NOT NULL");
            long withAccount = single(c, "SELECT COUNT(*) FROM activity WHERE account_id IS NOT NULL");
            assertThat(single(c, "SELECT SUM(activity_count) FROM engagement_summary WHERE subject_kind = 'contact'"))
                    .isEqualTo(withContact);
            assertThat(single(c, "SELECT SUM(activity_count) FROM engagement_summary WHERE subject_kind = 'account'"))
                    .isEqualTo(withAccount);
            // Per person, not just in total: no contact counted twice while another was missed.
            assertThat(single(c, "SELECT COUNT(*) FROM (SELECT contact_id, COUNT(*) AS n, MAX(occurred_at) AS last_at "
                    + "FROM activity WHERE contact_id IS NOT NULL GROUP BY contact_id) a "
                    + "LEFT JOIN engagement_summary s ON s.subject_kind = 'contact' AND s.subject_id = a.contact_id "
                    + "WHERE s.activity_count IS NULL OR s.activity_count <> a.n OR s.last_activity_at <> a.last_at"))
                    .isZero();
            assertThat(single(c, "SELECT COUNT(*) FROM engagement_summary WHERE subject_kind = 'contact'"))
                    .isEqualTo(single(c, "SELECT COUNT(DISTINCT contact_id) FROM activity"));
        }
    }

    private void migrate(Connection c) throws SQLException {
        Flyway.configure()
                .dataSource(new SingleConnectionDataSource(c))
                .locations("classpath:db/migration/common", "classpath:db/migration/" + vendor())
                .failOnMissingLocations(false)
                .load()
                .migrate();
    }

    private static void fillLog(Connection c) throws SQLException {
        c.setAutoCommit(false);
        long id = Ids.next();
        long start = 1_767_225_600_000L; // 2026-01-01
        java.util.Random rnd = new java.util.Random(42);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO activity (id, occurred_at, recorded_at, "
                + "activity_type, contact_id, account_id, channel) VALUES (?,?,?,?,?,?,?)")) {
            for (int i = 0; i < ACTIVITIES; i++) {
                long contact = 1 + rnd.nextInt(CONTACTS);
                ps.setLong(1, id + i);
                ps.setLong(2, start + i * 60_000L);
                ps.setLong(3, start + i * 60_000L);
                ps.setString(4, TYPES[rnd.nextInt(TYPES.length)]);
                if (rnd.nextInt(50) == 0) {
                    ps.setNull(5, java.sql.Types.BIGINT); // anonymous
                } else {
                    ps.setLong(5, contact);
                }
                if (rnd.nextInt(4) == 0) {
                    ps.setNull(6, java.sql.Types.BIGINT);
                } else {
                    ps.setLong(6, 1 + contact % ACCOUNTS);
                }
                ps.setString(7, CHANNELS[rnd.nextInt(CHANNELS.length)]);
                ps.addBatch();
                if (i % 5_000 == 4_999) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
        c.commit();
        c.setAutoCommit(true);
    }

    private Process start(String url, Path output) throws IOException {
        assertThat(applicationClassPath()).as("child class path").doesNotContain("test-classes")
                .contains(File.separator + "classes");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx512m", "-cp", applicationClassPath(),
                "dev.baton.BatonApplication");
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("BATON_") || k.startsWith("SPRING_"));
        env.put("BATON_DATA_DIR", dir.resolve("data").toString());
        env.put("BATON_PORT", "0");
        env.put("BATON_ADMIN_EMAIL", "admin@crash.test");
        env.put("BATON_ADMIN_PASSWORD", "crash-test-password-1");
        env.put("BATON_PROCESSORS_ENABLED", "true");
        env.put("BATON_PROCESSORS_BATCH_SIZE", "500");
        env.put("BATON_PROCESSORS_INTERVAL_MS", "100");
        env.putAll(databaseEnv(url));
        pb.redirectErrorStream(true).redirectOutput(output.toFile());
        return pb.start();
    }

    /**
     * The test JVM's class path minus the test classes: the child must run Baton as shipped, without
     * test configurations that component scanning would otherwise pick up.
     */
    static String applicationClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !e.replace('\\', '/').endsWith("/test-classes"))
                .filter(e -> !e.replace('\\', '/').endsWith("/test-classes/"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private long waitForOffset(String url, java.util.function.LongPredicate done, Path output) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        long offset = -1;
        while (System.nanoTime() < deadline) {
            if (!child.isAlive()) {
                fail("Baton exited with " + child.exitValue() + " (offset " + offset + "):\n" + tail(output));
            }
            try (Connection c = connect(url)) {
                List<Long> rows = longs(c, "SELECT last_activity_id FROM processor_offset WHERE processor_name = '"
                        + EngagementRollups.PROCESSOR + "'");
                if (!rows.isEmpty()) {
                    offset = rows.get(0);
                    if (done.test(offset)) {
                        return offset;
                    }
                }
            }
            Thread.sleep(10);
        }
        return fail("processor did not reach the expected offset (last seen " + offset + "):\n" + tail(output));
    }

    private static String tail(Path output) {
        try {
            List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    static long single(Connection c, String sql) throws SQLException {
        List<Long> rows = longs(c, sql);
        assertThat(rows).as(sql).hasSize(1);
        return rows.get(0);
    }

    private static List<Long> longs(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<Long> out = new java.util.ArrayList<>();
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
            return out;
        }
    }

    /** Lets Flyway run on the test's own connection without closing it. */
    private record SingleConnectionDataSource(Connection connection) implements javax.sql.DataSource {
        @Override
        public Connection getConnection() {
            return (Connection) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        if (method.getName().equals("close")) {
                            return null;
                        }
                        try {
                            return method.invoke(connection, args);
                        } catch (java.lang.reflect.InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        @Override
        public Connection getConnection(String user, String password) {
            return getConnection();
        }

        @Override
        public java.io.PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(java.io.PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public java.util.logging.Logger getParentLogger() {
            return java.util.logging.Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}

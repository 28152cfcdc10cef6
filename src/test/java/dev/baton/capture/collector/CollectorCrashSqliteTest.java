package dev.baton.capture.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} while SDK-shaped batches stream in: Baton runs as a child JVM on a SQLite file, four senders
 * post {@code /v1/batch} calls back to back, and the child is SIGKILLed mid-stream. It is started again on the
 * same file and the calls that got no answer are sent again, as Segment's SDKs retry. Then every acknowledged
 * messageId must be in the log exactly once (an ack means committed; the retries are deduplicated), every
 * retried one too, and the file must pass SQLite's integrity check.
 */
class CollectorCrashSqliteTest {

    static final int SENDERS = 4;
    static final int BATCH = 50;
    static final String SECRET = "bt_crash-test-write-key-0123456789";

    @TempDir
    Path dir;

    private Process child;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void stopChild() throws InterruptedException {
        if (child != null && child.isAlive()) {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void everyAcknowledgedEventSurvivesKillNineExactlyOnce() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("baton.db");
        int port = freePort();
        child = start(port, "first.log");
        awaitReady(port, "first.log");
        issueWriteKey(url);

        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        List<String> unanswered = new CopyOnWriteArrayList<>();
        AtomicBoolean killed = new AtomicBoolean();
        List<Thread> senders = new ArrayList<>();
        for (int s = 0; s < SENDERS; s++) {
            int sender = s;
            Thread t = new Thread(() -> {
                for (int seq = 0; ; seq++) {
                    List<String> ids = new ArrayList<>();
                    String body = batch(sender, seq, ids);
                    if (post(port, body) == 200) {
                        acknowledged.addAll(ids);
                    } else {
                        unanswered.add(body);
                        if (killed.get()) {
                            return; // the server is gone; what is in flight is retried after the restart
                        }
                    }
                }
            }, "sender-" + s);
            senders.add(t);
            t.start();
        }
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (acknowledged.size() < 20_000 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        killed.set(true);
        child.destroyForcibly(); // SIGKILL: no shutdown hooks, no rollback, no checkpoint
        child.waitFor(30, TimeUnit.SECONDS);
        for (Thread t : senders) {
            t.join(TimeUnit.SECONDS.toMillis(60));
        }
        assertThat(acknowledged).as("acknowledged before the kill").hasSizeGreaterThanOrEqualTo(20_000);
        assertThat(unanswered).as("calls in flight when the server died").isNotEmpty();
        Set<String> beforeKill = Set.copyOf(acknowledged);

        child = start(port, "second.log");
        awaitReady(port, "second.log");
        for (String body : unanswered) {
            assertThat(post(port, body)).as("a retry after the restart").isEqualTo(200);
            List<String> ids = new ArrayList<>();
            for (String part : body.split("\"messageId\":\"")) {
                if (part.startsWith("m-")) {
                    ids.add(part.substring(0, part.indexOf('"')));
                }
            }
            acknowledged.addAll(ids);
        }
        child.destroy();
        if (!child.waitFor(60, TimeUnit.SECONDS)) {
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }

        Map<String, Long> stored = new HashMap<>();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT props ->> 'messageId', COUNT(*) FROM activity "
                        + "WHERE activity_type = 'crash_test_event' GROUP BY 1")) {
            while (rs.next()) {
                stored.put(rs.getString(1), rs.getLong(2));
            }
        }
        assertThat(stored.keySet()).as("every acknowledged messageId is stored").containsAll(acknowledged);
        assertThat(stored.keySet()).containsAll(beforeKill);
        assertThat(stored.entrySet().stream().filter(e -> e.getValue() != 1).toList()).as("stored exactly once")
                .isEmpty();
        assertThat(stored.keySet()).as("nothing stored that was never sent").isSubsetOf(acknowledged);
        assertThat(text(url, "PRAGMA integrity_check")).isEqualTo("ok");
    }

    private static String batch(int sender, int seq, List<String> ids) {
        StringBuilder b = new StringBuilder("{\"batch\":[");
        for (int i = 0; i < BATCH; i++) {
            String id = "m-" + sender + "-" + seq + "-" + i;
            ids.add(id);
            b.append(i == 0 ? "" : ",").append("{\"type\":\"track\",\"event\":\"Crash Test Event\",\"anonymousId\":\"v-")
                    .append(sender).append('-').append(seq % 100).append("\",\"messageId\":\"").append(id)
                    .append("\",\"properties\":{\"i\":").append(i).append("}}");
        }
        return b.append("]}").toString();
    }

    private int post(int port, String body) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/v1/batch")).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            (SECRET + ":").getBytes(StandardCharsets.UTF_8)))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** A write key, inserted the way the token service stores one (SHA-256 of the secret). */
    private static void issueWriteKey(String url) throws Exception {
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(SECRET.getBytes(StandardCharsets.UTF_8)));
        try (Connection c = DriverManager.getConnection(url); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO api_token (id, name, token_prefix, token_hash, scopes, user_id, created_at) "
                        + "SELECT 4242, 'crash test', 'bt_crash', ?, 'ingest', MIN(id), 0 FROM app_user")) {
            ps.setString(1, hash);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }

    private Process start(int port, String logName) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "dev.baton.BatonApplication");
        pb.environment().put("BATON_DATA_DIR", dir.toString());
        pb.environment().put("BATON_PORT", Integer.toString(port));
        pb.environment().put("BATON_ADMIN_PASSWORD", "crash-test-password-1");
        pb.environment().put("BATON_PROCESSORS_ENABLED", "false");
        pb.environment().remove("BATON_DB_URL");
        pb.redirectErrorStream(true);
        pb.redirectOutput(dir.resolve(logName).toFile());
        return pb.start();
    }

    private void awaitReady(int port, String logName) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            if (!child.isAlive()) {
                throw new AssertionError("Baton exited early:\n" + Files.readString(dir.resolve(logName)));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/actuator/health/readiness")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Baton did not become ready:\n" + Files.readString(dir.resolve(logName)));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String text(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}

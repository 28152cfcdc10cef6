package dev.baton.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.measurement.EngagementRollups;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The processor runtime's guarantees, run on each engine: every activity applied exactly once, in id
 * order; a failing batch leaves neither its effects nor an advanced offset; a rebuild reproduces the
 * same derived state. A recording processor writes each id it is given to a table, inside the
 * runtime's transaction, so what it recorded is exactly what committed.
 */
@SpringBootTest(properties = "baton.processors.batch-size=50")
@ActiveProfiles("test")
@Import(RecorderConfig.class)
abstract class ProcessorRuntimeContract {

    static final String RECORDER = "test-recorder";
    private static final Instant T0 = Instant.parse("2026-02-01T00:00:00Z");

    @Autowired
    ProcessorRuntime runtime;
    @Autowired
    ActivityLog log;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Recorder recorder;
    @Autowired
    MeterRegistry meters;

    /** Records every activity it is given; throws on {@link #failAt} after recording the ids before it. */
    static class Recorder implements ActivityProcessor {
        final AtomicLong failAt = new AtomicLong(-1);
        private final AtomicLong seq = new AtomicLong();
        private final JdbcClient jdbc;

        Recorder(JdbcClient jdbc) {
            this.jdbc = jdbc;
        }

        @Override
        public String name() {
            return RECORDER;
        }

        @Override
        public void apply(List<Activity> batch) {
            for (Activity a : batch) {
                if (a.id() == failAt.get()) {
                    throw new IllegalStateException("boom at " + a.id());
                }
                jdbc.sql("INSERT INTO test_applied (seq, activity_id) VALUES (?, ?)")
                        .params(seq.incrementAndGet(), a.id()).update();
            }
        }

        @Override
        public void reset() {
            jdbc.sql("DELETE FROM test_applied").update();
        }
    }

    @BeforeEach
    void recorderTable() {
        jdbc.sql("CREATE TABLE IF NOT EXISTS test_applied (seq BIGINT NOT NULL, activity_id BIGINT NOT NULL)")
                .update();
        recorder.failAt.set(-1);
    }

    private List<Long> appendSome(int n) {
        List<NewActivity> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            batch.add(new NewActivity(T0.plusSeconds(i), "page_view", 1000L + i % 7, null, null, "direct", null,
                    null));
        }
        return log.append(batch);
    }

    private List<Long> recordedInOrder() {
        return jdbc.sql("SELECT activity_id FROM test_applied ORDER BY seq").query(Long.class).list();
    }

    private List<Long> allLogIds() {
        List<Long> ids = new ArrayList<>();
        long offset = 0;
        List<Activity> page;
        while (!(page = log.readAfter(offset, 1000)).isEmpty()) {
            page.forEach(a -> ids.add(a.id()));
            offset = page.get(page.size() - 1).id();
        }
        return ids;
    }

    private ProcessorStatus status(String name) {
        return runtime.status().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void appliesEveryActivityExactlyOnceInIdOrderAndRerunningAppliesNothing() {
        runtime.rebuild(RECORDER);
        appendSome(230);

        long applied = runtime.drain(RECORDER);

        List<Long> logIds = allLogIds();
        assertThat(applied).isEqualTo(logIds.size());
        assertThat(recordedInOrder()).containsExactlyElementsOf(logIds);

        assertThat(runtime.drain(RECORDER)).isZero();
        assertThat(runtime.runOnce(RECORDER)).isZero();
        assertThat(recordedInOrder()).containsExactlyElementsOf(logIds);

        List<Long> more = appendSome(3);
        assertThat(runtime.runOnce(RECORDER)).isEqualTo(3);
        assertThat(runtime.runOnce(RECORDER)).isZero();
        List<Long> expected = new ArrayList<>(logIds);
        expected.addAll(more);
        assertThat(recordedInOrder()).containsExactlyElementsOf(expected);
    }

    @Test
    void aBatchThatThrowsLeavesNeitherEffectsNorAnAdvancedOffset() {
        runtime.drain(RECORDER);
        List<Long> before = recordedInOrder();
        long processedBefore = status(RECORDER).processedCount();
        List<Long> ids = appendSome(120); // batches of 50: [0,50) [50,100) [100,120)
        recorder.failAt.set(ids.get(75));

        assertThatThrownBy(() -> runtime.drain(RECORDER)).hasMessageContaining("boom");

        ProcessorStatus s = status(RECORDER);
        assertThat(s.offset()).isEqualTo(ids.get(49));
        assertThat(s.processedCount()).isEqualTo(processedBefore + 50);
        assertThat(s.lag()).isEqualTo(70);
        List<Long> expected = new ArrayList<>(before);
        expected.addAll(ids.subList(0, 50));
        assertThat(recordedInOrder()).as("ids 50..74 were recorded and rolled back").containsExactlyElementsOf(expected);

        // Still failing: retries from the same offset, still nothing half-applied.
        assertThatThrownBy(() -> runtime.runOnce(RECORDER)).hasMessageContaining("boom");
        assertThat(status(RECORDER).offset()).isEqualTo(ids.get(49));

        recorder.failAt.set(-1);
        assertThat(runtime.drain(RECORDER)).isEqualTo(70);
        expected.addAll(ids.subList(50, 120));
        assertThat(recordedInOrder()).containsExactlyElementsOf(expected);
        assertThat(status(RECORDER).processedCount()).isEqualTo(processedBefore + 120);
    }

    @Test
    void rebuildReproducesIdenticalRollups() {
        Random rnd = new Random(7);
        String[] types = {"page_view", "email_opened", "email_clicked", "form_submitted"};
        String[] channels = {"email", "paid_search", null};
        List<NewActivity> batch = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            long contact = 500 + rnd.nextInt(40);
            Long account = rnd.nextInt(5) == 0 ? null : 900L + contact % 6;
            batch.add(new NewActivity(T0.plusSeconds(rnd.nextInt(100 * 86_400)), types[rnd.nextInt(types.length)],
                    rnd.nextInt(20) == 0 ? null : contact, account, null, channels[rnd.nextInt(channels.length)],
                    null, null));
        }
        log.append(batch);
        runtime.drain(EngagementRollups.PROCESSOR);
        List<String> built = rollupSnapshot();
        assertThat(built).isNotEmpty();

        runtime.rebuild(EngagementRollups.PROCESSOR);
        ProcessorStatus reset = status(EngagementRollups.PROCESSOR);
        assertThat(reset.offset()).isZero();
        assertThat(reset.processedCount()).isZero();
        assertThat(reset.lag()).isEqualTo(log.count());
        assertThat(rollupSnapshot()).isEmpty();

        assertThat(runtime.drain(EngagementRollups.PROCESSOR)).isEqualTo(log.count());
        assertThat(rollupSnapshot()).containsExactlyElementsOf(built);
    }

    private List<String> rollupSnapshot() {
        List<String> rows = new ArrayList<>();
        rows.addAll(jdbc.sql("SELECT subject_kind, subject_id, first_activity_at, last_activity_at, activity_count "
                        + "FROM engagement_summary ORDER BY subject_kind, subject_id")
                .query((rs, n) -> "s " + rs.getString(1) + " " + rs.getLong(2) + " " + rs.getLong(3) + " "
                        + rs.getLong(4) + " " + rs.getLong(5))
                .list());
        rows.addAll(jdbc.sql("SELECT epoch_day, channel, activity_count FROM channel_daily ORDER BY epoch_day, channel")
                .query((rs, n) -> "c " + rs.getLong(1) + " " + rs.getString(2) + " " + rs.getLong(3))
                .list());
        return rows;
    }

    @Test
    void statusReportsOffsetProcessedCountAndLag() {
        runtime.drain(RECORDER);
        ProcessorStatus caughtUp = status(RECORDER);
        assertThat(caughtUp.lag()).isZero();
        assertThat(caughtUp.offset()).isEqualTo(log.lastId());
        assertThat(caughtUp.updatedAt()).isNotNull();

        appendSome(7);
        ProcessorStatus behind = status(RECORDER);
        assertThat(behind.lag()).isEqualTo(7);
        assertThat(behind.offset()).isEqualTo(caughtUp.offset());
        assertThat(behind.processedCount()).isEqualTo(caughtUp.processedCount());
        assertThat(meters.get("baton.processor.lag").tag("processor", RECORDER).gauge().value()).isEqualTo(7.0);

        runtime.drain(RECORDER);
        ProcessorStatus after = status(RECORDER);
        assertThat(after.lag()).isZero();
        assertThat(after.offset()).isEqualTo(log.lastId());
        assertThat(after.processedCount()).isEqualTo(caughtUp.processedCount() + 7);
        assertThat(meters.get("baton.processor.lag").tag("processor", RECORDER).gauge().value()).isZero();
        assertThat(runtime.status()).extracting(ProcessorStatus::name).contains(EngagementRollups.PROCESSOR, RECORDER);
    }

    @Test
    void unknownProcessorIsRejected() {
        assertThatThrownBy(() -> runtime.runOnce("no-such-processor")).isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(() -> runtime.rebuild("no-such-processor")).isInstanceOf(NoSuchElementException.class);
    }
}

/** Registers the recording processor; imported explicitly, never component-scanned. */
@TestConfiguration(proxyBeanMethods = false)
class RecorderConfig {
    @Bean
    ProcessorRuntimeContract.Recorder testRecorder(JdbcClient jdbc) {
        return new ProcessorRuntimeContract.Recorder(jdbc);
    }
}

package dev.baton.platform.internal;

import dev.baton.platform.Activity;
import dev.baton.platform.ActivityLog;
import dev.baton.platform.ActivityProcessor;
import dev.baton.platform.BatonProperties;
import dev.baton.platform.Dialect;
import dev.baton.platform.ProcessorRuntime;
import dev.baton.platform.ProcessorStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import jakarta.annotation.PreDestroy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Feeds the activity log to processors in id order. A batch's effects and the processor's new offset
 * commit in one transaction, which is what makes processing exactly-once and resumable. On
 * PostgreSQL the offset row is claimed with SKIP LOCKED, so several nodes can share the work.
 *
 * <p>While draining, the next batch is read on a second thread while the current one is applied
 * (reading and writing then use both cores). A read-ahead batch is used only if the offset claimed
 * next is exactly where it starts; it holds nothing but committed activities, because ids commit in
 * order.
 */
@Service
class JdbcProcessorRuntime implements ProcessorRuntime {

    private static final Logger log = LoggerFactory.getLogger(JdbcProcessorRuntime.class);

    private final Map<String, ActivityProcessor> processors = new LinkedHashMap<>();
    private final Map<String, AtomicLong> lagGauges = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> lagRefreshedAt = new ConcurrentHashMap<>();
    /** A scrape recounts the lag when the last count is older than this (also when processing is off). */
    private static final long LAG_MAX_AGE_NANOS = 5_000_000_000L;
    private final Map<String, Counter> appliedCounters = new ConcurrentHashMap<>();
    private final Set<String> offsetRowsEnsured = ConcurrentHashMap.newKeySet();
    private final ExecutorService readAhead = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "baton-processor-read-ahead");
        t.setDaemon(true);
        return t;
    });
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ActivityLog activityLog;
    private final Dialect dialect;
    private final Clock clock;
    private final BatonProperties props;

    JdbcProcessorRuntime(List<ActivityProcessor> processors, JdbcClient jdbc, TransactionTemplate tx,
            ActivityLog activityLog, Dialect dialect, Clock clock, BatonProperties props, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.activityLog = activityLog;
        this.dialect = dialect;
        this.clock = clock;
        this.props = props;
        for (ActivityProcessor p : processors) {
            this.processors.put(p.name(), p);
            String name = p.name();
            lagGauges.put(name, new AtomicLong());
            lagRefreshedAt.put(name, new AtomicLong(System.nanoTime() - LAG_MAX_AGE_NANOS));
            Gauge.builder("baton.processor.lag", this, runtime -> runtime.lagForMetrics(name)).tag("processor", name)
                    .description("Activities in the log not yet applied by the processor").register(meters);
            appliedCounters.put(p.name(), Counter.builder("baton.processor.applied").tag("processor", p.name())
                    .description("Activities applied by the processor").register(meters));
        }
    }

    @Override
    public int runOnce(String name) {
        return step(name, null, false).applied();
    }

    /** A batch being read ahead, starting after {@code afterId}. */
    private record ReadAhead(long afterId, Future<List<Activity>> batch) {
        void cancel() {
            batch.cancel(false); // never interrupt a thread inside a JDBC call; the result is just dropped
        }
    }

    private record Step(int applied, ReadAhead next) {
    }

    private Step step(String name, ReadAhead ahead, boolean readNext) {
        ActivityProcessor processor = processor(name);
        ensureOffsetRow(name);
        int size = props.processors().batchSize();
        Step step = tx.execute(status -> {
            List<Long> claimed = jdbc.sql("SELECT last_activity_id FROM processor_offset WHERE processor_name = ?"
                            + dialect.claimSuffix())
                    .param(name).query(Long.class).list();
            if (claimed.isEmpty()) {
                if (ahead != null) {
                    ahead.cancel();
                }
                offsetRowsEnsured.remove(name); // another node holds it, or the row went: re-check next time
                return new Step(0, null);
            }
            long offset = claimed.get(0);
            List<Activity> batch;
            if (ahead != null && ahead.afterId() == offset) {
                batch = await(ahead.batch());
            } else {
                if (ahead != null) {
                    ahead.cancel();
                }
                batch = activityLog.readAfter(offset, size);
            }
            if (batch.isEmpty()) {
                return new Step(0, null);
            }
            long newOffset = batch.get(batch.size() - 1).id();
            ReadAhead next = null;
            if (readNext && batch.size() == size) {
                next = new ReadAhead(newOffset, readAhead.submit(() -> activityLog.readAfter(newOffset, size)));
            }
            try {
                processor.apply(batch);
                jdbc.sql("UPDATE processor_offset SET last_activity_id = ?, processed_count = processed_count + ?, "
                                + "updated_at = ? WHERE processor_name = ?")
                        .params(newOffset, batch.size(), clock.millis(), name).update();
            } catch (RuntimeException | Error e) {
                if (next != null) {
                    next.cancel();
                }
                throw e;
            }
            return new Step(batch.size(), next);
        });
        if (step == null) {
            return new Step(0, null);
        }
        appliedCounters.get(name).increment(step.applied());
        return step;
    }

    private static List<Activity> await(Future<List<Activity>> batch) {
        try {
            return batch.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the activity log", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("reading the activity log failed", e.getCause());
        }
    }

    @Override
    public long drain(String name) {
        long total = 0;
        ReadAhead ahead = null;
        try {
            while (true) {
                Step step = step(name, ahead, true);
                ahead = step.next();
                if (step.applied() == 0) {
                    break;
                }
                total += step.applied();
            }
        } finally {
            if (ahead != null) {
                ahead.cancel();
            }
        }
        refreshLag(name);
        return total;
    }

    @PreDestroy
    void stopReadAhead() {
        readAhead.shutdown();
    }

    @Override
    public void drainAll() {
        processors.keySet().forEach(this::drain);
    }

    @Scheduled(fixedDelayString = "${baton.processors.interval-ms:500}", initialDelay = 1000)
    void scheduledRun() {
        if (!props.processors().enabled()) {
            return;
        }
        for (String name : processors.keySet()) {
            try {
                long n = drain(name);
                if (n > 0) {
                    log.debug("processor {} applied {} activities", name, n);
                }
            } catch (RuntimeException e) {
                log.error("processor {} failed; it will retry from its offset", name, e);
            }
        }
    }

    @Override
    public void rebuild(String name) {
        ActivityProcessor processor = processor(name);
        ensureOffsetRow(name);
        tx.executeWithoutResult(status -> {
            processor.reset();
            jdbc.sql("UPDATE processor_offset SET last_activity_id = 0, processed_count = 0, updated_at = ? "
                    + "WHERE processor_name = ?").params(clock.millis(), name).update();
        });
        log.info("processor {} reset; rebuilding from the start of the log", name);
    }

    @Override
    public List<ProcessorStatus> status() {
        List<ProcessorStatus> result = new ArrayList<>();
        for (String name : processors.keySet()) {
            ensureOffsetRow(name);
            ProcessorStatus s = jdbc.sql("SELECT last_activity_id, processed_count, updated_at FROM processor_offset "
                            + "WHERE processor_name = ?")
                    .param(name)
                    .query((rs, i) -> new ProcessorStatus(name, rs.getLong(1), rs.getLong(2),
                            activityLog.countAfter(rs.getLong(1)), Instant.ofEpochMilli(rs.getLong(3))))
                    .single();
            setLag(name, s.lag());
            result.add(s);
        }
        return result;
    }

    private void refreshLag(String name) {
        long offset = jdbc.sql("SELECT last_activity_id FROM processor_offset WHERE processor_name = ?")
                .param(name).query(Long.class).optional().orElse(0L);
        setLag(name, activityLog.countAfter(offset));
    }

    private void setLag(String name, long lag) {
        lagGauges.get(name).set(lag);
        lagRefreshedAt.get(name).set(System.nanoTime());
    }

    /** The gauge's value: the last count, recounted first when it is stale. */
    private double lagForMetrics(String name) {
        if (System.nanoTime() - lagRefreshedAt.get(name).get() > LAG_MAX_AGE_NANOS) {
            try {
                refreshLag(name);
            } catch (RuntimeException e) {
                log.debug("cannot count lag of processor {}", name, e);
            }
        }
        return lagGauges.get(name).get();
    }

    private ActivityProcessor processor(String name) {
        ActivityProcessor p = processors.get(name);
        if (p == null) {
            throw new NoSuchElementException("no processor named " + name);
        }
        return p;
    }

    /** Once per processor and process: the row is never deleted, and this saves a write per batch. */
    private void ensureOffsetRow(String name) {
        if (offsetRowsEnsured.contains(name)) {
            return;
        }
        jdbc.sql("INSERT INTO processor_offset (processor_name, last_activity_id, processed_count, updated_at) "
                        + "VALUES (?, 0, 0, ?) ON CONFLICT (processor_name) DO NOTHING")
                .params(name, clock.millis()).update();
        offsetRowsEnsured.add(name);
    }
}

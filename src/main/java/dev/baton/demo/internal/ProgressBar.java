package dev.baton.demo.internal;

import java.util.Locale;
import org.slf4j.Logger;

/**
 * One log line per second (and one at the end) showing how far a long job has got:
 * {@code demo [##########··········]  50%  270,000/540,000 rows  98,000 rows/s  activities 2026-03}.
 */
final class ProgressBar {

    private static final int WIDTH = 24;

    private final Logger log;
    private final String job;
    private final long total;
    private final long startNanos = System.nanoTime();
    private final long startDone;
    private long done;
    private long lastLogNanos;

    ProgressBar(Logger log, String job, long total, long alreadyDone) {
        this.log = log;
        this.job = job;
        this.total = Math.max(1, total);
        this.done = alreadyDone;
        this.startDone = alreadyDone;
    }

    long done() {
        return done;
    }

    void advance(long rows, String what) {
        done += rows;
        long now = System.nanoTime();
        if (now - lastLogNanos >= 1_000_000_000L || done >= total) {
            lastLogNanos = now;
            log.info(line(what));
        }
    }

    void complete(String what) {
        done = Math.max(done, total);
        finish(what);
    }

    void finish(String what) {
        log.info(line(what));
    }

    String line(String what) {
        double fraction = Math.min(1.0, (double) done / total);
        int filled = (int) Math.round(fraction * WIDTH);
        double seconds = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
        long rate = Math.round((done - startDone) / seconds);
        return String.format(Locale.ROOT, "%s [%s%s] %3d%%  %,d/%,d rows  %,d rows/s  %s", job, "#".repeat(filled),
                "·".repeat(WIDTH - filled), Math.round(fraction * 100), done, total, rate, what);
    }
}

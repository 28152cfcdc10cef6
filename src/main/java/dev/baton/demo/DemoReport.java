package dev.baton.demo;

import java.time.Duration;
import java.util.Map;

/**
 * The outcome of {@link DemoData#load}.
 *
 * @param spec          the spec actually loaded (a resumed load keeps the spec it started with)
 * @param outcome       what happened
 * @param counts        rows the demo company consists of, by table
 * @param stagesRun     stages written by this call (0 when skipped)
 * @param loadTime      time spent writing data
 * @param processTime   time spent draining the activity processors afterwards
 */
public record DemoReport(DemoSpec spec, Outcome outcome, Map<String, Long> counts, int stagesRun,
        Duration loadTime, Duration processTime) {

    public enum Outcome { LOADED, RESUMED, ALREADY_LOADED, REFUSED_NOT_EMPTY }
}

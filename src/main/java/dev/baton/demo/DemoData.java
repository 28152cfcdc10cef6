package dev.baton.demo;

import java.util.Map;
import java.util.Optional;

/**
 * The demo company: a believable B2B SaaS vendor's year of marketing, loaded through the module
 * APIs. Loading is staged and recorded in {@code job_run}, so an interrupted load resumes with the
 * first unfinished stage and never writes anything twice.
 */
public interface DemoData {

    /** The job name in {@code job_run}; stages are recorded as {@code demo.<stage>}. */
    String JOB = "demo";

    /**
     * Loads the demo company unless it is already there, then drains the processors. Refuses to load
     * into a database that already holds contacts it did not write.
     */
    DemoReport load(DemoSpec spec, DemoListener listener);

    /** Row counts (by table) the given spec produces, without writing anything. */
    Map<String, Long> expectedCounts(DemoSpec spec);

    /** The state of the demo job, if a load was ever started. */
    Optional<Status> status();

    record Status(String state, long progress, long total, DemoSpec spec) {
        public boolean completed() {
            return "COMPLETED".equals(state);
        }
    }
}

package dev.baton.demo;

/**
 * Observes a demo load. Called inside the stage's transaction: throwing aborts the stage, which
 * rolls back as a whole (how the resume tests simulate a crash).
 */
public interface DemoListener {

    DemoListener NONE = new DemoListener() {
    };

    /** After each chunk of rows written in {@code stage} (not yet committed). */
    default void chunkWritten(String stage, long rowsInStage) {
    }

    /** After {@code stage} committed. */
    default void stageCompleted(String stage) {
    }
}

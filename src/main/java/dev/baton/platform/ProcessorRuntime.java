package dev.baton.platform;

import java.util.List;

/** Runs the registered {@link ActivityProcessor}s: on a schedule, on demand, and for rebuilds. */
public interface ProcessorRuntime {

    /** Processes one batch for the named processor; returns how many activities it applied. */
    int runOnce(String processorName);

    /** Processes until the named processor has caught up with the log; returns the number applied. */
    long drain(String processorName);

    /** Drains every processor. */
    void drainAll();

    /** Resets the processor's derived state and offset so that it rebuilds from the start of the log. */
    void rebuild(String processorName);

    List<ProcessorStatus> status();
}

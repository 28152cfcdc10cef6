package dev.baton.platform;

import java.util.List;

/**
 * A consumer of the activity log. The runtime hands it batches in id order inside the same
 * transaction that advances its stored offset, so each activity is applied exactly once even
 * across crashes: either the effects and the new offset commit together, or neither does.
 */
public interface ActivityProcessor {

    /** Stable name; the key of the stored offset. */
    String name();

    /** Applies one batch. Runs inside the offset transaction; must not commit on its own. */
    void apply(List<Activity> batch);

    /** Forgets all derived state, before a rebuild from offset 0. Runs in a transaction. */
    void reset();
}

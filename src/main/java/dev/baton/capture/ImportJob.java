package dev.baton.capture;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * One upload and its run. {@code rowsDone} is the last data row (1 = first row after the header) whose chunk is
 * committed: a run that stopped resumes after it.
 */
public record ImportJob(long id, ImportTarget target, Status status, String fileName, long fileSize,
        String fingerprint, String encoding, String delimiter, List<String> headers, List<List<String>> preview,
        long rowCount, ImportMapping mapping, long rowsDone, long created, long updated, long skipped, long errors,
        String message, Instant createdAt, Instant startedAt, Instant finishedAt) {

    public enum Status {
        /** Uploaded and readable; waiting for mapping and start. */
        PREVIEW,
        /** The file cannot be imported (empty, no header, duplicate headers, unbalanced quotes, not text). */
        REJECTED,
        RUNNING,
        COMPLETED,
        /** The run stopped (crash or error); starting again resumes after {@code rowsDone}. */
        FAILED;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public boolean finished() {
        return status == Status.COMPLETED || status == Status.REJECTED;
    }
}

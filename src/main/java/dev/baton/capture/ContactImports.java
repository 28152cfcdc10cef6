package dev.baton.capture;

import java.io.InputStream;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * CSV imports: upload (stored under the data directory and checked once), preview with a suggested mapping,
 * mapping and options, a chunked run that can resume, and a row-level error report.
 */
public interface ContactImports {

    /** Default rows per committed chunk. */
    int CHUNK_ROWS = 20_000;

    /**
     * Stores the upload and inspects it. A file-level problem gives a job in status REJECTED with the reason in
     * {@code message}; nothing is imported from it.
     *
     * @param encoding "UTF-8", "ISO-8859-1", ... or null to detect (invalid UTF-8 means Latin-1)
     * @param delimiter ",", ";", "\t" or null to detect
     */
    ImportJob upload(ImportTarget target, String fileName, InputStream content, String encoding, String delimiter,
            Long userId);

    Optional<ImportJob> find(long id);

    List<ImportJob> recent(int limit);

    /** Sets mapping and options of a job that has not run yet. */
    ImportJob configure(long id, ImportMapping mapping);

    /** The mapping a preset gives for this job's headers (unknown headers fall back to suggestions). */
    ImportMapping applyPreset(long id, String presetName);

    /** Runs the job (or resumes it) in the background; returns at once. */
    ImportJob start(long id);

    /** Runs the job (or resumes it) in this thread, calling {@code progress} after each committed chunk. */
    ImportJob run(long id, Progress progress);

    /** Writes the error report CSV: row, column, value, message. */
    void writeErrors(long id, Writer out);

    /** The error report also written to a file under the data directory when the job completes. */
    Path errorReportPath(long id);

    List<ImportPreset> presets(ImportTarget target);

    /** The fields a column can be mapped to for this target, in catalogue order. */
    List<String> fields(ImportTarget target);

    /** The match keys this target offers, the default first. */
    List<ImportMapping.MatchKey> matchKeys(ImportTarget target);

    ImportPreset savePreset(ImportPreset preset);

    /** Called after each committed chunk. */
    @FunctionalInterface
    interface Progress {
        void chunkCommitted(ImportJob job);
    }
}

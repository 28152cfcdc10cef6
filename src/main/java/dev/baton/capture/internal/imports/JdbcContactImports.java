package dev.baton.capture.internal.imports;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.writer.CsvWriter;
import dev.baton.capture.ContactImports;
import dev.baton.capture.ImportJob;
import dev.baton.capture.ImportMapping;
import dev.baton.capture.ImportPreset;
import dev.baton.capture.ImportTarget;
import dev.baton.people.ContactDirectory;
import dev.baton.people.ContactDirectory.ContactUpsert;
import dev.baton.people.ContactDirectory.UpsertResult;
import dev.baton.people.ContactDraft;
import dev.baton.people.IdentityKind;
import dev.baton.platform.ActivityLog;
import dev.baton.platform.BatonProperties;
import dev.baton.platform.ConflictException;
import dev.baton.platform.Ids;
import dev.baton.platform.NewActivity;
import dev.baton.platform.NotFoundException;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Contact imports. A run reads the stored file once more, in chunks of {@link #chunkRows} rows; each chunk is
 * one transaction holding the upserts, the "imported" activities, the chunk's row-level errors and the job's
 * progress, so a run that stops resumes exactly after the last committed row.
 *
 * <p>Re-running: a job whose file (SHA-256) and mapping equal a completed job's completes at once without touching
 * anything, so an identical re-import appends no activities. Contacts whose imported fields are unchanged are not
 * rewritten (the directory's upsert compares before it writes).
 */
@Service
class JdbcContactImports implements ContactImports {

    private static final Logger log = LoggerFactory.getLogger(JdbcContactImports.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final String ACTIVITY_TYPE = "imported";

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final TransactionTemplate savepoint;
    private final ContactDirectory contacts;
    private final ActivityLog activities;
    private final Clock clock;
    private final Path dir;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "baton-import");
        t.setDaemon(true);
        return t;
    });
    private final Set<Long> active = ConcurrentHashMap.newKeySet();
    private final int chunkRows;

    JdbcContactImports(JdbcClient jdbc, TransactionTemplate tx, ContactDirectory contacts, ActivityLog activities,
            Clock clock, BatonProperties props) {
        this.chunkRows = Math.max(1, props.imports().chunkRows());
        this.jdbc = jdbc;
        this.tx = tx;
        this.savepoint = new TransactionTemplate(tx.getTransactionManager());
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.contacts = contacts;
        this.activities = activities;
        this.clock = clock;
        this.dir = Path.of(props.dataDir()).toAbsolutePath().resolve("imports");
    }

    @PreDestroy
    void stop() {
        runner.shutdownNow();
    }

    // ---- upload and preview ----

    @Override
    public ImportJob upload(ImportTarget target, String fileName, InputStream content, String encoding,
            String delimiter, Long userId) {
        long id = Ids.next();
        String name = fileName == null || fileName.isBlank() ? "upload.csv" : Path.of(fileName).getFileName().toString();
        CsvSource.Stored stored;
        try {
            stored = CsvSource.store(content, dir.resolve(Ids.format(id) + ".csv"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the upload under " + dir, e);
        }
        long now = clock.millis();
        ImportMapping mapping = new ImportMapping(Map.of(), null, null, null, null);
        String status = ImportJob.Status.PREVIEW.name();
        String message = null;
        CsvSource.Inspection in = null;
        try {
            in = CsvSource.inspect(stored, encoding, delimiter);
            mapping = mapping.withColumns(ContactFields.suggest(in.headers(), Map.of()));
        } catch (CsvSource.Rejected e) {
            status = ImportJob.Status.REJECTED.name();
            message = e.getMessage();
        }
        jdbc.sql("""
                INSERT INTO import_job (id, target, status, file_name, file_path, file_size, fingerprint, encoding,
                  delimiter, headers, preview, row_count, mapping, rows_done, created_count, updated_count,
                  skipped_count, error_count, message, created_by, created_at, updated_at)
                VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,0,0,0,0,0,?,?,?,?)""")
                .params(id, target.name(), status, name, stored.path().toString(), stored.size(), stored.fingerprint(),
                        in == null ? null : in.charset().name(),
                        in == null ? null : CsvSource.delimiterName(in.delimiter()),
                        in == null ? null : JSON.writeValueAsString(in.headers()),
                        in == null ? null : JSON.writeValueAsString(in.preview()), in == null ? 0 : in.rowCount(),
                        JSON.writeValueAsString(mapping), message, userId, now, now)
                .update();
        return require(id);
    }

    @Override
    public Optional<ImportJob> find(long id) {
        return jdbc.sql("SELECT * FROM import_job WHERE id = ?").param(id).query(this::job).optional();
    }

    private ImportJob require(long id) {
        return find(id).orElseThrow(() -> new NotFoundException("import", Ids.format(id)));
    }

    @Override
    public List<ImportJob> recent(int limit) {
        return jdbc.sql("SELECT * FROM import_job ORDER BY id DESC LIMIT ?").param(limit).query(this::job).list();
    }

    @Override
    public ImportJob configure(long id, ImportMapping mapping) {
        ImportJob job = require(id);
        if (job.status() != ImportJob.Status.PREVIEW) {
            throw new ConflictException("status", "the mapping can only change before the import starts (status is "
                    + job.status().code() + ")");
        }
        Set<String> fields = new HashSet<>();
        for (Map.Entry<String, String> e : mapping.columns().entrySet()) {
            if (!job.headers().contains(e.getKey())) {
                throw new IllegalArgumentException("columns: the file has no column '" + e.getKey() + "'");
            }
            if (!ContactFields.FIELDS.containsKey(e.getValue())) {
                throw new IllegalArgumentException("columns: '" + e.getValue() + "' is not a contact field (one of "
                        + ContactFields.FIELDS.keySet() + ")");
            }
            if (!fields.add(e.getValue())) {
                throw new IllegalArgumentException("columns: field '" + e.getValue() + "' is mapped twice");
            }
        }
        String key = mapping.matchKey() == ImportMapping.MatchKey.EMAIL ? "email" : "externalId";
        if (!fields.contains(key)) {
            throw new IllegalArgumentException("columns: the match key " + mapping.matchKey().code()
                    + " needs a column mapped to " + key);
        }
        jdbc.sql("UPDATE import_job SET mapping = ?, updated_at = ? WHERE id = ?")
                .params(JSON.writeValueAsString(mapping), clock.millis(), id).update();
        return require(id);
    }

    @Override
    public ImportMapping applyPreset(long id, String presetName) {
        ImportJob job = require(id);
        ImportPreset preset = presets(job.target()).stream().filter(p -> p.name().equalsIgnoreCase(presetName))
                .findFirst().orElseThrow(() -> new NotFoundException("preset", "preset", presetName));
        return job.mapping().withColumns(ContactFields.suggest(job.headers() == null ? List.of() : job.headers(),
                preset.columns()));
    }

    // ---- presets ----

    @Override
    public List<ImportPreset> presets(ImportTarget target) {
        List<ImportPreset> all = new ArrayList<>(ContactFields.PRESETS.stream().filter(p -> p.target() == target)
                .toList());
        jdbc.sql("SELECT name, column_map FROM import_preset WHERE target = ? ORDER BY name").param(target.name())
                .query((rs, n) -> new ImportPreset(rs.getString(1), target, readMap(rs.getString(2)), false))
                .list().forEach(all::add);
        return all;
    }

    @Override
    public ImportPreset savePreset(ImportPreset preset) {
        String name = preset.name() == null ? "" : preset.name().strip();
        if (name.isEmpty() || name.length() > 100) {
            throw new IllegalArgumentException("name: a preset needs a name of 1 to 100 characters");
        }
        if (ContactFields.PRESETS.stream().anyMatch(p -> p.name().equalsIgnoreCase(name))) {
            throw new ConflictException("name", "'" + name + "' is a shipped preset; choose another name");
        }
        for (String field : preset.columns().values()) {
            if (!ContactFields.FIELDS.containsKey(field)) {
                throw new IllegalArgumentException("columns: '" + field + "' is not a contact field (one of "
                        + ContactFields.FIELDS.keySet() + ")");
            }
        }
        long now = clock.millis();
        String columns = JSON.writeValueAsString(preset.columns());
        tx.executeWithoutResult(s -> {
            int changed = jdbc.sql("UPDATE import_preset SET column_map = ?, updated_at = ? WHERE target = ? AND name = ?")
                    .params(columns, now, preset.target().name(), name).update();
            if (changed == 0) {
                jdbc.sql("INSERT INTO import_preset (id, name, target, column_map, created_at, updated_at)"
                        + " VALUES (?,?,?,?,?,?)").params(Ids.next(), name, preset.target().name(), columns, now, now)
                        .update();
            }
        });
        return new ImportPreset(name, preset.target(), preset.columns(), false);
    }

    // ---- run ----

    @Override
    public ImportJob start(long id) {
        ImportJob job = claim(id);
        if (job.status() == ImportJob.Status.RUNNING && active.add(id)) {
            runner.submit(() -> {
                try {
                    execute(id, j -> { });
                } catch (RuntimeException e) {
                    log.warn("import {} stopped: {}", Ids.format(id), e.toString());
                } finally {
                    active.remove(id);
                }
            });
        }
        return job;
    }

    @Override
    public ImportJob run(long id, Progress progress) {
        ImportJob job = claim(id);
        if (job.status() != ImportJob.Status.RUNNING) {
            return job;
        }
        if (!active.add(id)) {
            throw new ConflictException("status", "the import is already running");
        }
        try {
            return execute(id, progress);
        } finally {
            active.remove(id);
        }
    }

    /** PREVIEW, FAILED or RUNNING (left so by a crash) become RUNNING; a completed job stays as it is. */
    private ImportJob claim(long id) {
        ImportJob job = require(id);
        switch (job.status()) {
            case REJECTED -> throw new ConflictException("status", "the file was rejected: " + job.message());
            case COMPLETED -> {
                return job;
            }
            default -> {
                // carried on below
            }
        }
        String key = job.mapping().matchKey() == ImportMapping.MatchKey.EMAIL ? "email" : "externalId";
        if (!job.mapping().columns().containsValue(key)) {
            throw new IllegalArgumentException("columns: the match key " + job.mapping().matchKey().code()
                    + " needs a column mapped to " + key);
        }
        long now = clock.millis();
        jdbc.sql("UPDATE import_job SET status = 'RUNNING', message = NULL, started_at = COALESCE(started_at, ?),"
                + " updated_at = ? WHERE id = ?").params(now, now, id).update();
        return require(id);
    }

    private ImportJob execute(long id, Progress progress) {
        ImportJob job = require(id);
        Optional<Long> same = jdbc.sql("SELECT id FROM import_job WHERE fingerprint = ? AND target = ? AND mapping = ?"
                + " AND status = 'COMPLETED' AND id <> ? ORDER BY id LIMIT 1")
                .params(job.fingerprint(), job.target().name(), JSON.writeValueAsString(job.mapping()), id)
                .query(Long.class).optional();
        if (same.isPresent()) {
            long now = clock.millis();
            jdbc.sql("UPDATE import_job SET status = 'COMPLETED', rows_done = row_count, skipped_count = row_count,"
                    + " message = ?, finished_at = ?, updated_at = ? WHERE id = ?")
                    .params("the same file was already imported with the same mapping by import "
                            + Ids.format(same.get()) + "; nothing changed", now, now, id).update();
            writeErrorFile(id);
            return require(id);
        }
        try {
            Chunker chunker = new Chunker(job, progress);
            Path path = Path.of(jdbc.sql("SELECT file_path FROM import_job WHERE id = ?").param(id)
                    .query(String.class).single());
            Charset charset = Charset.forName(job.encoding());
            char delimiter = CsvSource.parseDelimiter(job.delimiter());
            try (CsvReader<CsvRecord> reader = CsvSource.reader(path, charset, delimiter)) {
                long row = -1;
                for (CsvRecord rec : reader) {
                    row++;
                    if (row == 0 || row <= job.rowsDone()) {
                        continue;
                    }
                    chunker.add(row, rec);
                }
                chunker.flush();
            }
            long now = clock.millis();
            jdbc.sql("UPDATE import_job SET status = 'COMPLETED', finished_at = ?, updated_at = ? WHERE id = ?")
                    .params(now, now, id).update();
            writeErrorFile(id);
            return require(id);
        } catch (IOException | CsvSource.Rejected | RuntimeException e) {
            long now = clock.millis();
            jdbc.sql("UPDATE import_job SET status = 'FAILED', message = ?, updated_at = ? WHERE id = ?")
                    .params("stopped: " + e.getMessage() + "; start again to resume after the last committed row",
                            now, id).update();
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** One parsed row waiting for its chunk. */
    private record Row(long row, String externalId, ContactDraft fields, String key) {
    }

    private record RowError(long row, String column, String value, String message) {
    }

    /** Gathers rows into chunks and commits each in one transaction. */
    private final class Chunker {

        private final ImportJob job;
        private final Progress progress;
        private final List<String> headers;
        private final Map<Integer, String> columnField = new LinkedHashMap<>();
        private final Map<String, String> fieldColumn = new LinkedHashMap<>();
        private final List<Row> rows = new ArrayList<>();
        private final List<RowError> errors = new ArrayList<>();
        private long lastRow;
        private int pending;

        Chunker(ImportJob job, Progress progress) {
            this.job = job;
            this.progress = progress;
            this.headers = job.headers();
            for (int i = 0; i < headers.size(); i++) {
                String field = job.mapping().columns().get(headers.get(i));
                if (field != null) {
                    columnField.put(i, field);
                    fieldColumn.put(field, headers.get(i));
                }
            }
            this.lastRow = job.rowsDone();
        }

        void add(long row, CsvRecord rec) {
            lastRow = row;
            pending++;
            if (rec.getFieldCount() != headers.size()) {
                errors.add(new RowError(row, "", String.valueOf(rec.getFieldCount()), "the row has "
                        + rec.getFieldCount() + " fields, the header has " + headers.size() + "; row not imported"));
            } else {
                Map<String, String> values = new LinkedHashMap<>();
                columnField.forEach((i, f) -> values.put(f, rec.getField(i)));
                String[] ext = new String[1];
                ContactDraft d = ContactFields.draft(values, fieldColumn,
                        (c, v, m) -> errors.add(new RowError(row, c, v, m)), ext);
                String key = job.mapping().matchKey() == ImportMapping.MatchKey.EMAIL
                        ? (d.email() == null ? null : d.email().toLowerCase(Locale.ROOT))
                        : ext[0];
                if (key == null) {
                    String field = job.mapping().matchKey() == ImportMapping.MatchKey.EMAIL ? "email" : "externalId";
                    String column = fieldColumn.get(field);
                    boolean reported = errors.stream().anyMatch(e -> e.row() == row && column.equals(e.column()));
                    if (!reported) {
                        errors.add(new RowError(row, column, "", field + " is empty; it is the match key"));
                    }
                } else {
                    rows.add(new Row(row, ext[0], d, key));
                }
            }
            if (pending >= chunkRows) {
                flush();
            }
        }

        void flush() {
            if (pending == 0) {
                return;
            }
            long[] counts;
            try {
                counts = tx.execute(s -> commit(false));
            } catch (ConflictException | DataIntegrityViolationException e) {
                // one row collides (e.g. its email belongs to another contact): redo the chunk row by row
                counts = tx.execute(s -> commit(true));
            }
            rows.clear();
            errors.clear();
            pending = 0;
            progress.chunkCommitted(require(job.id()));
            if (Thread.currentThread().isInterrupted()) {
                throw new IllegalStateException("interrupted");
            }
            assert counts != null;
        }

        /** Returns {created, updated, skipped}. */
        private long[] commit(boolean rowByRow) {
            List<RowError> chunkErrors = new ArrayList<>(errors);
            List<Row> accepted = new ArrayList<>();
            long skipped = 0;
            ImportMapping.Policy policy = job.mapping().policy();
            if (policy == ImportMapping.Policy.UPSERT) {
                accepted.addAll(rows);
            } else {
                IdentityKind kind = job.mapping().matchKey() == ImportMapping.MatchKey.EMAIL ? IdentityKind.EMAIL
                        : IdentityKind.EXTERNAL_ID;
                Set<String> seen = new HashSet<>();
                Map<String, Long> known = contacts.resolveAll(kind, rows.stream().map(Row::key).toList());
                for (Row r : rows) {
                    boolean exists = !seen.add(r.key()) || known.containsKey(r.key());
                    String keyColumn = fieldColumn.get(kind == IdentityKind.EMAIL ? "email" : "externalId");
                    if (exists && policy == ImportMapping.Policy.CREATE_ONLY) {
                        chunkErrors.add(new RowError(r.row(), keyColumn, r.key(),
                                "a contact with this " + job.mapping().matchKey().code()
                                        + " exists; policy is create only"));
                    } else if (exists && policy == ImportMapping.Policy.SKIP_EXISTING) {
                        skipped++;
                    } else if (!exists && policy == ImportMapping.Policy.UPDATE_ONLY) {
                        chunkErrors.add(new RowError(r.row(), keyColumn, r.key(),
                                "no contact with this " + job.mapping().matchKey().code()
                                        + " exists; policy is update only"));
                    } else {
                        accepted.add(r);
                    }
                }
            }
            List<UpsertResult> results = new ArrayList<>();
            List<Row> imported = new ArrayList<>();
            if (!rowByRow) {
                results.addAll(contacts.upsert(accepted.stream()
                        .map(r -> new ContactUpsert(r.externalId(), r.fields())).toList()));
                imported.addAll(accepted);
            } else {
                for (Row r : accepted) {
                    try {
                        List<UpsertResult> one = savepoint.execute(s -> contacts.upsert(
                                List.of(new ContactUpsert(r.externalId(), r.fields()))));
                        results.addAll(one);
                        imported.add(r);
                    } catch (ConflictException | DataIntegrityViolationException e) {
                        String column = fieldColumn.getOrDefault("email", "");
                        chunkErrors.add(new RowError(r.row(), column, r.fields().email(),
                                "conflicts with another contact: " + e.getMessage()));
                    }
                }
            }
            long created = results.stream().filter(UpsertResult::created).count();
            long updated = results.size() - created;
            Instant now = clock.instant();
            List<NewActivity> acts = new ArrayList<>(imported.size());
            for (int i = 0; i < imported.size(); i++) {
                Map<String, Object> props = new LinkedHashMap<>();
                props.put("importId", Ids.format(job.id()));
                props.put("row", imported.get(i).row());
                props.put("source", job.mapping().listSource());
                props.put("provenance", job.mapping().provenance());
                props.put("file", job.fileName());
                props.put("created", results.get(i).created());
                acts.add(new NewActivity(now, ACTIVITY_TYPE, results.get(i).contactId(), null, null, null, null,
                        JSON.writeValueAsString(props)));
            }
            if (!acts.isEmpty()) {
                activities.append(acts);
            }
            if (!chunkErrors.isEmpty()) {
                for (RowError e : chunkErrors) {
                    jdbc.sql("INSERT INTO import_error (job_id, row_no, column_name, bad_value, message)"
                            + " VALUES (?,?,?,?,?)").params(job.id(), e.row(), e.column(), truncate(e.value()),
                                    e.message()).update();
                }
            }
            jdbc.sql("""
                    UPDATE import_job SET rows_done = ?, created_count = created_count + ?,
                      updated_count = updated_count + ?, skipped_count = skipped_count + ?,
                      error_count = error_count + ?, updated_at = ? WHERE id = ?""")
                    .params(lastRow, created, updated, skipped, chunkErrors.size(), now.toEpochMilli(), job.id())
                    .update();
            return new long[] {created, updated, skipped};
        }
    }

    private static String truncate(String value) {
        return value == null || value.length() <= 1000 ? value : value.substring(0, 1000) + "…";
    }

    // ---- error report ----

    @Override
    public void writeErrors(long id, Writer out) {
        require(id);
        CsvWriter csv = CsvWriter.builder().build(out);
        csv.writeRecord("row", "column", "value", "message");
        jdbc.sql("SELECT row_no, column_name, bad_value, message FROM import_error WHERE job_id = ? ORDER BY row_no")
                .param(id).query((RowCallbackHandler) rs -> csv.writeRecord(String.valueOf(rs.getLong(1)),
                        nz(rs.getString(2)), nz(rs.getString(3)), rs.getString(4)));
        try {
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    @Override
    public Path errorReportPath(long id) {
        return dir.resolve(Ids.format(id) + "-errors.csv");
    }

    private void writeErrorFile(long id) {
        try (Writer w = Files.newBufferedWriter(errorReportPath(id), StandardCharsets.UTF_8)) {
            writeErrors(id, w);
        } catch (IOException e) {
            log.warn("cannot write the error report of import {}: {}", Ids.format(id), e.toString());
        }
    }

    // ---- mapping rows ----

    private ImportJob job(ResultSet rs, int n) throws SQLException {
        return new ImportJob(rs.getLong("id"), ImportTarget.valueOf(rs.getString("target")),
                ImportJob.Status.valueOf(rs.getString("status")), rs.getString("file_name"), rs.getLong("file_size"),
                rs.getString("fingerprint"), rs.getString("encoding"), rs.getString("delimiter"),
                rs.getString("headers") == null ? null
                        : JSON.readValue(rs.getString("headers"), new TypeReference<List<String>>() { }),
                rs.getString("preview") == null ? List.of()
                        : JSON.readValue(rs.getString("preview"), new TypeReference<List<List<String>>>() { }),
                rs.getLong("row_count"), JSON.readValue(rs.getString("mapping"), ImportMapping.class),
                rs.getLong("rows_done"), rs.getLong("created_count"), rs.getLong("updated_count"),
                rs.getLong("skipped_count"), rs.getLong("error_count"), rs.getString("message"),
                Instant.ofEpochMilli(rs.getLong("created_at")), instant(rs, "started_at"), instant(rs, "finished_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    private static Map<String, String> readMap(String json) {
        return JSON.readValue(json, new TypeReference<LinkedHashMap<String, String>>() { });
    }
}

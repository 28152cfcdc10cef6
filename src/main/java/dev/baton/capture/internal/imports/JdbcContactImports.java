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
import org.springframework.jdbc.core.JdbcTemplate;
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
    private final JdbcTemplate template;
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
    /** The writers of the kinds other than contacts (contacts have their own batched path below). */
    private final Map<ImportTarget, KindWriter> writers = new java.util.EnumMap<>(ImportTarget.class);

    JdbcContactImports(JdbcClient jdbc, JdbcTemplate template, TransactionTemplate tx, ContactDirectory contacts,
            ActivityLog activities, Clock clock, BatonProperties props, List<KindWriter> kindWriters) {
        this.template = template;
        kindWriters.forEach(w -> writers.put(w.catalogue().target(), w));
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

    private Catalogue catalogue(ImportTarget target) {
        if (target == ImportTarget.CONTACTS) {
            return ContactFields.CATALOGUE;
        }
        KindWriter w = writers.get(target);
        if (w == null) {
            throw new IllegalArgumentException("kind: " + target.code() + " cannot be imported");
        }
        return w.catalogue();
    }

    /** The field a match key needs for this kind, or null when the key reads no single field. */
    private String keyField(ImportTarget target, ImportMapping.MatchKey key) {
        return catalogue(target).keys().get(key);
    }

    /** Checks that the mapping fills the match key's field and the kind's required fields. */
    private void checkMapped(ImportTarget target, ImportMapping mapping) {
        Catalogue c = catalogue(target);
        if (!c.keys().containsKey(mapping.matchKey())) {
            throw new IllegalArgumentException("matchKey: " + c.label() + " match by "
                    + String.join(" or ", c.keys().keySet().stream().map(ImportMapping.MatchKey::code).toList()));
        }
        String key = c.keys().get(mapping.matchKey());
        if (key != null && !mapping.columns().containsValue(key)) {
            throw new IllegalArgumentException("columns: the match key " + mapping.matchKey().code()
                    + " needs a column mapped to " + key);
        }
        for (String field : c.required()) {
            if (!mapping.columns().containsValue(field)) {
                throw new IllegalArgumentException("columns: " + c.label() + " need a column mapped to " + field);
            }
        }
        if (target == ImportTarget.COST_ENTRIES && !mapping.columns().containsValue("date")
                && !mapping.columns().containsValue("month")) {
            throw new IllegalArgumentException("columns: cost entries need a column mapped to date or month");
        }
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
        Catalogue catalogue = catalogue(target);
        try {
            in = CsvSource.inspect(stored, encoding, delimiter);
            Map<String, String> suggested = catalogue.suggest(in.headers(), Map.of());
            mapping = new ImportMapping(suggested, target == ImportTarget.CONTACTS ? null
                    : catalogue.defaultKey(suggested), null, null, null);
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
        Catalogue catalogue = catalogue(job.target());
        Set<String> fields = new HashSet<>();
        for (Map.Entry<String, String> e : mapping.columns().entrySet()) {
            if (!job.headers().contains(e.getKey())) {
                throw new IllegalArgumentException("columns: the file has no column '" + e.getKey() + "'");
            }
            checkField(catalogue, e.getValue());
            if (!fields.add(e.getValue())) {
                throw new IllegalArgumentException("columns: field '" + e.getValue() + "' is mapped twice");
            }
        }
        checkMapped(job.target(), mapping);
        jdbc.sql("UPDATE import_job SET mapping = ?, updated_at = ? WHERE id = ?")
                .params(JSON.writeValueAsString(mapping), clock.millis(), id).update();
        return require(id);
    }

    @Override
    public ImportMapping applyPreset(long id, String presetName) {
        ImportJob job = require(id);
        ImportPreset preset = presets(job.target()).stream().filter(p -> p.name().equalsIgnoreCase(presetName))
                .findFirst().orElseThrow(() -> new NotFoundException("preset", "preset", presetName));
        return job.mapping().withColumns(catalogue(job.target()).suggest(
                job.headers() == null ? List.of() : job.headers(), preset.columns()));
    }

    // ---- presets ----

    @Override
    public List<ImportPreset> presets(ImportTarget target) {
        List<ImportPreset> all = new ArrayList<>(catalogue(target).presets());
        jdbc.sql("SELECT name, column_map FROM import_preset WHERE target = ? ORDER BY name").param(target.name())
                .query((rs, n) -> new ImportPreset(rs.getString(1), target, readMap(rs.getString(2)), false))
                .list().forEach(all::add);
        return all;
    }

    @Override
    public List<String> fields(ImportTarget target) {
        return List.copyOf(catalogue(target).fields().keySet());
    }

    @Override
    public List<ImportMapping.MatchKey> matchKeys(ImportTarget target) {
        return List.copyOf(catalogue(target).keys().keySet());
    }

    @Override
    public ImportPreset savePreset(ImportPreset preset) {
        String name = preset.name() == null ? "" : preset.name().strip();
        if (name.isEmpty() || name.length() > 100) {
            throw new IllegalArgumentException("name: a preset needs a name of 1 to 100 characters");
        }
        Catalogue catalogue = catalogue(preset.target());
        if (catalogue.presets().stream().anyMatch(p -> p.name().equalsIgnoreCase(name))) {
            throw new ConflictException("name", "'" + name + "' is a shipped preset; choose another name");
        }
        for (String field : preset.columns().values()) {
            checkField(catalogue, field);
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

    private static void checkField(Catalogue catalogue, String field) {
        if (!catalogue.fields().containsKey(field)) {
            String what = catalogue.target() == ImportTarget.CONTACTS ? "a contact field"
                    : "a field of " + catalogue.label();
            throw new IllegalArgumentException("columns: '" + field + "' is not " + what + " (one of "
                    + catalogue.fields().keySet() + ")");
        }
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
        checkMapped(job.target(), job.mapping());
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
            Path path = Path.of(jdbc.sql("SELECT file_path FROM import_job WHERE id = ?").param(id)
                    .query(String.class).single());
            ChunkReader reader = new ChunkReader(job, path);
            Thread parser = new Thread(reader, "baton-import-parse-" + Ids.format(id));
            parser.setDaemon(true);
            parser.start();
            Committer committer = new Committer(job, progress);
            try {
                for (Chunk chunk = reader.next(); chunk != null; chunk = reader.next()) {
                    committer.commit(chunk);
                }
            } finally {
                parser.interrupt();
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
    private record Row(long row, String externalId, ContactDraft fields, String key, Object parsed) {
    }

    private record RowError(long row, String column, String value, String message) {
    }

    /** The rows of one chunk: those to write, those already rejected, and the last file row it covers. */
    private record Chunk(List<Row> rows, List<RowError> errors, long lastRow) {
    }

    /**
     * Parses and checks the file on its own thread, handing over one chunk at a time, so the next chunk is
     * parsed while the previous one is written (two cores: parsing and SQL overlap). At most two chunks wait,
     * which bounds memory.
     */
    private final class ChunkReader implements Runnable {

        private static final Chunk END = new Chunk(List.of(), List.of(), -1);

        private final ImportJob job;
        private final Path path;
        private final java.util.concurrent.BlockingQueue<Chunk> ready = new java.util.concurrent.ArrayBlockingQueue<>(2);
        private volatile Exception failure;
        private final List<String> headers;
        private final int[] columns;
        private final String[] fields;
        private final Map<String, String> fieldColumn = new LinkedHashMap<>();
        private final boolean byEmail;
        private final String keyField;
        private final KindWriter writer;
        private final Catalogue catalogue;

        ChunkReader(ImportJob job, Path path) {
            this.job = job;
            this.path = path;
            this.headers = job.headers();
            List<Integer> cols = new ArrayList<>();
            List<String> fs = new ArrayList<>();
            for (int i = 0; i < headers.size(); i++) {
                String field = job.mapping().columns().get(headers.get(i));
                if (field != null) {
                    cols.add(i);
                    fs.add(field);
                    fieldColumn.put(field, headers.get(i));
                }
            }
            this.columns = cols.stream().mapToInt(Integer::intValue).toArray();
            this.fields = fs.toArray(String[]::new);
            this.byEmail = job.mapping().matchKey() == ImportMapping.MatchKey.EMAIL;
            this.keyField = keyField(job.target(), job.mapping().matchKey());
            this.writer = writers.get(job.target());
            this.catalogue = catalogue(job.target());
        }

        @Override
        public void run() {
            try {
                Charset charset = Charset.forName(job.encoding());
                char delimiter = CsvSource.parseDelimiter(job.delimiter());
                List<Row> rows = new ArrayList<>();
                List<RowError> errors = new ArrayList<>();
                int pending = 0;
                long last = job.rowsDone();
                try (CsvReader<CsvRecord> reader = CsvSource.reader(path, charset, delimiter)) {
                    long row = -1;
                    for (CsvRecord rec : reader) {
                        row++;
                        if (row == 0 || row <= job.rowsDone()) {
                            continue;
                        }
                        parse(row, rec, rows, errors);
                        last = row;
                        if (++pending >= chunkRows) {
                            ready.put(new Chunk(rows, errors, last));
                            rows = new ArrayList<>();
                            errors = new ArrayList<>();
                            pending = 0;
                        }
                    }
                }
                if (pending > 0) {
                    ready.put(new Chunk(rows, errors, last));
                }
                ready.put(END);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                failure = e;
                ready.offer(END);
            }
        }

        /** The next chunk, or null after the last one. */
        Chunk next() throws IOException, CsvSource.Rejected {
            Chunk c;
            try {
                c = ready.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted");
            }
            if (c != END) {
                return c;
            }
            Exception e = failure;
            if (e instanceof IOException io) {
                throw io;
            }
            if (e instanceof CsvSource.Rejected r) {
                throw r;
            }
            if (e instanceof RuntimeException r) {
                throw r;
            }
            return null;
        }

        private void parse(long row, CsvRecord rec, List<Row> rows, List<RowError> errors) {
            if (rec.getFieldCount() != headers.size()) {
                errors.add(new RowError(row, "", String.valueOf(rec.getFieldCount()), "the row has "
                        + rec.getFieldCount() + " fields, the header has " + headers.size() + "; row not imported"));
                return;
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 0; i < columns.length; i++) {
                values.put(fields[i], rec.getField(columns[i]));
            }
            if (writer != null) {
                parseKind(row, values, rows, errors);
                return;
            }
            String[] ext = new String[1];
            int before = errors.size();
            ContactDraft d = ContactFields.draft(values, fieldColumn,
                    (c, v, m) -> errors.add(new RowError(row, c, v, m)), ext);
            String key = byEmail ? (d.email() == null ? null : d.email().toLowerCase(Locale.ROOT)) : ext[0];
            if (key != null) {
                rows.add(new Row(row, ext[0], d, key, null));
                return;
            }
            String column = fieldColumn.get(keyField);
            boolean reported = errors.subList(before, errors.size()).stream().anyMatch(e -> column.equals(e.column()));
            if (!reported) {
                errors.add(new RowError(row, column, "", keyField + " is empty; it is the match key"));
            }
        }

        /**
         * The shared checks of a row of any kind but contacts (length, required fields, the match key's field), then
         * the kind's own conversion.
         */
        private void parseKind(long row, Map<String, String> raw, List<Row> rows, List<RowError> errors) {
            Map<String, String> v = new LinkedHashMap<>();
            boolean ok = true;
            for (Map.Entry<String, String> e : raw.entrySet()) {
                String value = e.getValue() == null ? null : e.getValue().strip();
                if (value == null || value.isEmpty()) {
                    continue;
                }
                int max = catalogue.fields().get(e.getKey());
                if (value.length() > max) {
                    errors.add(new RowError(row, fieldColumn.get(e.getKey()), value,
                            e.getKey() + " is longer than " + max + " characters"));
                    ok = false;
                    continue;
                }
                v.put(e.getKey(), value);
            }
            for (String field : catalogue.required()) {
                if (!v.containsKey(field) && ok) {
                    errors.add(new RowError(row, fieldColumn.get(field), "", field + " is required"));
                    ok = false;
                }
            }
            if (ok && keyField != null && !v.containsKey(keyField)) {
                errors.add(new RowError(row, fieldColumn.get(keyField), "", keyField + " is empty; it is the match key"));
                ok = false;
            }
            if (!ok) {
                return;
            }
            Object parsed = writer.parse(v, fieldColumn::get, (c, val, m) -> errors.add(new RowError(row, c, val, m)));
            if (parsed != null) {
                rows.add(new Row(row, null, null, null, parsed));
            }
        }
    }

    /** Commits each chunk in one transaction. */
    private final class Committer {

        private final ImportJob job;
        private final Progress progress;
        private final Map<String, String> fieldColumn = new LinkedHashMap<>();
        /** The activity properties every row shares, as JSON without its closing brace. */
        private final String propsPrefix;

        Committer(ImportJob job, Progress progress) {
            this.job = job;
            this.progress = progress;
            job.mapping().columns().forEach((column, field) -> fieldColumn.put(field, column));
            Map<String, Object> shared = new LinkedHashMap<>();
            shared.put("importId", Ids.format(job.id()));
            shared.put("source", job.mapping().listSource());
            shared.put("provenance", job.mapping().provenance());
            shared.put("file", job.fileName());
            String json = JSON.writeValueAsString(shared);
            this.propsPrefix = json.substring(0, json.length() - 1);
        }

        void commit(Chunk chunk) {
            try {
                tx.executeWithoutResult(s -> commit(chunk, false));
            } catch (ConflictException | DataIntegrityViolationException e) {
                // one row collides (e.g. its email belongs to another contact): redo the chunk row by row
                tx.executeWithoutResult(s -> commit(chunk, true));
            }
            progress.chunkCommitted(require(job.id()));
            if (Thread.currentThread().isInterrupted()) {
                throw new IllegalStateException("interrupted");
            }
        }

        private void commit(Chunk chunk, boolean rowByRow) {
            KindWriter writer = writers.get(job.target());
            if (writer != null) {
                commitKind(writer, chunk);
                return;
            }
            List<Row> rows = chunk.rows();
            List<RowError> chunkErrors = new ArrayList<>(chunk.errors());
            List<Row> accepted = new ArrayList<>(rows.size());
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
            List<UpsertResult> results = new ArrayList<>(accepted.size());
            List<Row> imported = new ArrayList<>(accepted.size());
            if (!rowByRow) {
                List<ContactUpsert> upserts = new ArrayList<>(accepted.size());
                for (Row r : accepted) {
                    upserts.add(new ContactUpsert(r.externalId(), r.fields()));
                }
                results.addAll(contacts.upsert(upserts));
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
            long created = 0;
            Instant now = clock.instant();
            List<NewActivity> acts = new ArrayList<>(imported.size());
            StringBuilder props = new StringBuilder(propsPrefix.length() + 40);
            for (int i = 0; i < imported.size(); i++) {
                UpsertResult result = results.get(i);
                if (result.created()) {
                    created++;
                }
                props.setLength(0);
                props.append(propsPrefix).append(",\"row\":").append(imported.get(i).row()).append(",\"created\":")
                        .append(result.created()).append('}');
                acts.add(new NewActivity(now, ACTIVITY_TYPE, result.contactId(), null, null, null, null,
                        props.toString()));
            }
            long updated = results.size() - created;
            if (!acts.isEmpty()) {
                activities.append(acts);
            }
            finish(chunk, chunkErrors, created, updated, skipped, now);
        }

        /**
         * Writes the rows of a kind other than contacts one by one, each in a savepoint: a row that breaks a rule
         * of the target module is reported and leaves nothing behind. Rows that changed something get an
         * "imported" activity on their subject.
         */
        private void commitKind(KindWriter writer, Chunk chunk) {
            List<RowError> chunkErrors = new ArrayList<>(chunk.errors());
            long created = 0;
            long updated = 0;
            long skipped = 0;
            Instant now = clock.instant();
            List<NewActivity> acts = new ArrayList<>();
            for (Row r : chunk.rows()) {
                List<RowError> rowErrors = new ArrayList<>();
                KindWriter.Outcome outcome;
                try {
                    outcome = savepoint.execute(s -> {
                        KindWriter.Outcome o = writer.write(r.parsed(), job.mapping(), fieldColumn::get,
                                (c, v, m) -> rowErrors.add(new RowError(r.row(), c, v, m)));
                        if (o == null) {
                            s.setRollbackOnly();
                        }
                        return o;
                    });
                } catch (ConflictException | NotFoundException | DataIntegrityViolationException
                        | IllegalArgumentException e) {
                    outcome = null;
                    rowErrors.add(new RowError(r.row(), "", "", "not written: " + e.getMessage()));
                }
                chunkErrors.addAll(rowErrors);
                if (outcome == null) {
                    continue;
                }
                switch (outcome.result()) {
                    case CREATED -> created++;
                    case UPDATED -> updated++;
                    default -> skipped++;
                }
                if (outcome.result() == KindWriter.Result.CREATED || outcome.result() == KindWriter.Result.UPDATED) {
                    acts.add(new NewActivity(now, ACTIVITY_TYPE, outcome.contactId(), outcome.accountId(),
                            outcome.campaignId(), null, null, propsPrefix + ",\"kind\":\"" + job.target().code()
                                    + "\",\"row\":" + r.row() + ",\"created\":"
                                    + (outcome.result() == KindWriter.Result.CREATED) + "}"));
                }
            }
            if (!acts.isEmpty()) {
                activities.append(acts);
            }
            finish(chunk, chunkErrors, created, updated, skipped, now);
        }

        private void finish(Chunk chunk, List<RowError> chunkErrors, long created, long updated, long skipped,
                Instant now) {
            if (!chunkErrors.isEmpty()) {
                List<Object[]> batch = new ArrayList<>(chunkErrors.size());
                for (RowError e : chunkErrors) {
                    batch.add(new Object[] {job.id(), e.row(), e.column(), truncate(e.value()), e.message()});
                }
                template.batchUpdate("INSERT INTO import_error (job_id, row_no, column_name, bad_value, message)"
                        + " VALUES (?,?,?,?,?)", batch);
            }
            jdbc.sql("""
                    UPDATE import_job SET rows_done = ?, created_count = created_count + ?,
                      updated_count = updated_count + ?, skipped_count = skipped_count + ?,
                      error_count = error_count + ?, updated_at = ? WHERE id = ?""")
                    .params(chunk.lastRow(), created, updated, skipped, chunkErrors.size(), now.toEpochMilli(),
                            job.id())
                    .update();
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

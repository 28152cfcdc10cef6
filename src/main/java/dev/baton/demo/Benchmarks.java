package dev.baton.demo;

import dev.baton.capture.ContactImports;
import dev.baton.capture.ImportJob;
import dev.baton.capture.ImportMapping;
import dev.baton.capture.ImportTarget;
import dev.baton.demo.internal.ContactCsvFile;
import dev.baton.measurement.EngagementRollups;
import dev.baton.people.AccountDirectory;
import dev.baton.people.AccountDraft;
import dev.baton.people.ContactDirectory;
import dev.baton.people.ContactDraft;
import dev.baton.people.LifecycleStage;
import dev.baton.platform.Activity;
import dev.baton.platform.ActivityLog;
import dev.baton.platform.Channel;
import dev.baton.platform.NewActivity;
import dev.baton.platform.ProcessorRuntime;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar baton.jar bench [options]}: storage and processor throughput on the configured
 * engine (BATON_DB_URL; SQLite when unset), each figure the median of several repetitions, every
 * repetition on a fresh database (a new SQLite file, or a new PostgreSQL schema dropped afterwards).
 * Runs without the web server. See bench/README.md.
 */
public final class Benchmarks {

    static final String USAGE = """
            usage: java -jar baton.jar bench [--rows N] [--contacts N] [--reps N] [--demo-scale X] [--only LIST]
              --rows N         activities appended per repetition (default 1000000; batches of 10000)
              --contacts N     contacts upserted per repetition (default 100000; batches of 5000)
              --reps N         repetitions; figures are medians (default 3)
              --demo-scale X   size of the demo load measured (default 1; 0 skips it)
              --only LIST      comma-separated subset of: upsert,append,rollup,demo,collector,import
                               (collector and import run only when named here)
              --import-rows N  rows of the generated 20-column contact CSV imported end to end (default 1000000)
              --collector-events N  events sent to the Segment collector per repetition (default 500000;
                               8 clients, /v1/batch calls of 100 events from 100000 anonymous visitors,
                               after an unmeasured warm-up of 50000 events from 10000 other visitors)
            engine: BATON_DB_URL / BATON_DB_USER / BATON_DB_PASSWORD (SQLite in a temporary folder when unset)""";

    private final PrintStream out;
    private final Map<String, String> options;
    private final Map<String, List<Double>> results = new LinkedHashMap<>();
    private final Map<String, String> units = new LinkedHashMap<>();

    private final Class<?> application;

    private Benchmarks(PrintStream out, Map<String, String> options, Class<?> application) {
        this.out = out;
        this.options = options;
        this.application = application;
    }

    /**
     * Runs the benchmarks and returns the process exit code. {@code application} is the Spring Boot
     * application class each repetition starts (passed in, so this module does not depend on it).
     */
    public static int run(Class<?> application, String[] args) {
        Map<String, String> options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            return 2;
        }
        if (options.containsKey("help")) {
            System.out.println(USAGE);
            return 0;
        }
        try {
            new Benchmarks(System.out, options, application).runAll();
            return 0;
        } catch (RuntimeException e) {
            e.printStackTrace();
            return 1;
        }
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        Set<String> known = Set.of("rows", "contacts", "reps", "demo-scale", "only", "collector-events", "import-rows",
                "help");
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument: " + a);
            }
            String name = a.substring(2);
            String value = "true";
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (!name.equals("help")) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("--" + name + " needs a value");
                }
                value = args[++i];
            }
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name);
            }
            options.put(name, value);
        }
        return options;
    }

    private long longOption(String name, long fallback) {
        String v = options.get(name);
        try {
            return v == null ? fallback : Long.parseLong(v.replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number but was " + v);
        }
    }

    private boolean wanted(String what) {
        String only = options.get("only");
        return only == null || List.of(only.split(",")).contains(what);
    }

    private void runAll() {
        long rows = longOption("rows", 1_000_000);
        long contacts = longOption("contacts", 100_000);
        int reps = (int) longOption("reps", 3);
        double demoScale = Double.parseDouble(options.getOrDefault("demo-scale", "1"));
        Engine engine = Engine.fromEnvironment();
        out.printf(Locale.ROOT, "Baton bench on %s, %d CPU cores, Java %s, max heap %d MB%n", engine.describe(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20);
        out.printf(Locale.ROOT, "%d repetitions, each on a fresh database: %,d contact upserts, %,d activity appends, "
                + "rollups over them, demo load at scale %s%n%n", reps, contacts, rows, demoScale);
        for (int rep = 1; rep <= reps; rep++) {
            if (wanted("upsert") || wanted("append") || wanted("rollup")) {
                try (FreshDatabase db = engine.fresh(); ConfigurableApplicationContext ctx = start(db)) {
                    storageRound(ctx, rep, contacts, rows);
                }
            }
            if (options.containsKey("only") && wanted("collector")) {
                try (FreshDatabase db = engine.fresh(); ConfigurableApplicationContext ctx = start(db,
                        WebApplicationType.SERVLET)) {
                    collectorRound(ctx, rep, longOption("collector-events", 500_000));
                }
            }
            if (options.containsKey("only") && wanted("import")) {
                try (FreshDatabase db = engine.fresh(); ConfigurableApplicationContext ctx = start(db)) {
                    importRound(ctx, rep, longOption("import-rows", 1_000_000));
                }
            }
            if (demoScale > 0 && wanted("demo")) {
                try (FreshDatabase db = engine.fresh(); ConfigurableApplicationContext ctx = start(db)) {
                    DemoReport report = ctx.getBean(DemoData.class).load(new DemoSpec(20261123L, demoScale,
                            LocalDate.now(ZoneOffset.UTC)), DemoListener.NONE);
                    double load = report.loadTime().toMillis() / 1000.0;
                    double total = (report.loadTime().toMillis() + report.processTime().toMillis()) / 1000.0;
                    record("demo load: data written", "s", load, rep);
                    record("demo load: incl. processing", "s", total, rep);
                }
            }
        }
        table();
    }

    private void storageRound(ConfigurableApplicationContext ctx, int rep, long contacts, long rows) {
        SplittableRandom r = new SplittableRandom(42 + rep);
        AccountDirectory accounts = ctx.getBean(AccountDirectory.class);
        ContactDirectory directory = ctx.getBean(ContactDirectory.class);
        List<AccountDraft> accountDrafts = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            accountDrafts.add(new AccountDraft("Bench Account " + i, "bench" + i + ".example.com", "Software", 100,
                    10_000_000L, "EMEA", "DE", null));
        }
        List<Long> accountIds = accounts.createAll(accountDrafts);
        List<Long> contactIds = new ArrayList<>();
        List<Long> contactAccounts = new ArrayList<>();
        if (contacts > 0) { // the appends below refer to these contacts, so they are always created
            long elapsed = 0;
            for (long from = 0; from < contacts; from += 5_000) {
                List<ContactDirectory.ContactUpsert> batch = new ArrayList<>();
                List<Long> batchAccounts = new ArrayList<>();
                for (long i = from; i < Math.min(contacts, from + 5_000); i++) {
                    long account = accountIds.get((int) (i % accountIds.size()));
                    batchAccounts.add(account);
                    batch.add(new ContactDirectory.ContactUpsert(i % 3 == 0 ? "crm-" + i : null,
                            new ContactDraft("person" + i + "@bench" + (i % accountIds.size()) + ".example.com",
                                    "Person", "Number " + i, "Marketing Manager", "+4930" + (10_000_000 + i),
                                    null, "DE", "Berlin", account, null, LifecycleStage.LEAD, "bench",
                                    "Europe/Berlin")));
                }
                long t0 = System.nanoTime();
                List<ContactDirectory.UpsertResult> results = directory.upsert(batch);
                elapsed += System.nanoTime() - t0;
                for (ContactDirectory.UpsertResult result : results) {
                    contactIds.add(result.contactId());
                }
                contactAccounts.addAll(batchAccounts);
            }
            if (wanted("upsert")) {
                record("contact upsert (new)", "rows/s", contacts / (elapsed / 1e9), rep);
            }
            elapsed = 0;
            long updates = wanted("upsert") ? Math.min(contacts, 20_000) : 0;
            for (long from = 0; from < updates; from += 5_000) {
                List<ContactDirectory.ContactUpsert> batch = new ArrayList<>();
                for (long i = from; i < Math.min(updates, from + 5_000); i++) {
                    batch.add(new ContactDirectory.ContactUpsert(null, new ContactDraft("person" + i + "@bench"
                            + (i % accountIds.size()) + ".example.com", null, null, "Head of Marketing", null, null,
                            null, null, null, null, LifecycleStage.MQL, null, null)));
                }
                long t0 = System.nanoTime();
                directory.upsert(batch);
                elapsed += System.nanoTime() - t0;
            }
            if (updates > 0) {
                record("contact upsert (existing, changed)", "rows/s", updates / (elapsed / 1e9), rep);
            }
        }
        if (!(wanted("append") || wanted("rollup")) || rows <= 0) {
            return;
        }
        ActivityLog log = ctx.getBean(ActivityLog.class);
        String[] types = {"page_view", "page_view", "page_view", "email_sent", "email_opened", "email_clicked",
            "form_filled", "ad_clicked", "webinar_registered", "content_downloaded"};
        Channel[] channels = Channel.values();
        long now = Instant.now().toEpochMilli();
        long elapsed = 0;
        for (long from = 0; from < rows; from += 10_000) {
            List<NewActivity> batch = new ArrayList<>(10_000);
            for (long i = from; i < Math.min(rows, from + 10_000); i++) {
                int c = contactIds.isEmpty() ? -1 : r.nextInt(contactIds.size());
                Channel channel = channels[r.nextInt(channels.length)];
                batch.add(new NewActivity(Instant.ofEpochMilli(now - r.nextLong(365L * 86_400_000L)),
                        types[r.nextInt(types.length)], c < 0 ? null : contactIds.get(c),
                        c < 0 ? null : contactAccounts.get(c), null, channel.code(),
                        new Activity.Utm("google", "cpc", "bench_" + channel.code(), null, null),
                        "{\"url\":\"https://www.example.com/page/" + r.nextInt(500) + "\",\"title\":\"Bench page\"}"));
            }
            long t0 = System.nanoTime();
            log.append(batch);
            elapsed += System.nanoTime() - t0;
        }
        record("activity append", "rows/s", rows / (elapsed / 1e9), rep);
        if (wanted("rollup")) {
            ProcessorRuntime processors = ctx.getBean(ProcessorRuntime.class);
            long t0 = System.nanoTime();
            long applied = processors.drain(EngagementRollups.PROCESSOR);
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (applied != rows) {
                throw new IllegalStateException("rollups applied " + applied + " activities, expected " + rows);
            }
            record("rollup processor", "activities/s", applied / seconds, rep);
            // the log's subject index (timelines), the other processor every activity goes through
            t0 = System.nanoTime();
            applied = processors.drain(ActivityLog.INDEX_PROCESSOR);
            seconds = (System.nanoTime() - t0) / 1e9;
            if (applied != rows) {
                throw new IllegalStateException("activity index applied " + applied + " activities, expected " + rows);
            }
            record("activity-index processor", "activities/s", applied / seconds, rep);
        }
    }

    /** The Segment collector over real HTTP: acknowledged events per second and call latency. */
    private void collectorRound(ConfigurableApplicationContext ctx, int rep, long events) {
        dev.baton.platform.UserDirectory users = ctx.getBean(dev.baton.platform.UserDirectory.class);
        long admin = users.list(dev.baton.platform.Role.ADMIN, null, null, 1).stream().findFirst()
                .orElseGet(() -> users.create(new dev.baton.platform.UserDirectory.UserDraft("bench@baton.local",
                        "Bench", dev.baton.platform.Role.ADMIN, null, "UTC", true), "bench-password-1"))
                .id();
        String key = ctx.getBean(dev.baton.platform.ApiTokens.class)
                .issue(admin, "bench", Set.of(dev.baton.platform.ApiTokens.SCOPE_INGEST)).secret();
        String port = ctx.getEnvironment().getProperty("local.server.port");
        dev.baton.platform.ActivityLog log = ctx.getBean(dev.baton.platform.ActivityLog.class);
        dev.baton.demo.internal.CollectorLoad.Result r;
        try {
            // Warm-up (JIT, connection pool, page cache), not measured: other visitors and message ids, so the
            // measured round still meets 100,000 unknown visitors.
            dev.baton.demo.internal.CollectorLoad.run("http://127.0.0.1:" + port, key, Math.min(events, 50_000), 8,
                    100, 10_000, "w");
        } catch (Exception e) {
            throw new IllegalStateException("collector warm-up failed", e);
        }
        long before = log.count();
        try {
            r = dev.baton.demo.internal.CollectorLoad.run("http://127.0.0.1:" + port, key, events, 8, 100, 100_000);
        } catch (Exception e) {
            throw new IllegalStateException("collector load failed", e);
        }
        if (r.failedCalls() > 0) {
            throw new IllegalStateException(r.failedCalls() + " collector calls failed");
        }
        if (log.count() - before < r.events()) {
            throw new IllegalStateException("acknowledged " + r.events() + " events but the log holds "
                    + (log.count() - before));
        }
        record("collector /v1/batch", "events/s", r.eventsPerSecond(), rep);
        record("collector call latency p50", "ms", r.p50Ms(), rep);
        record("collector call latency p99", "ms", r.p99Ms(), rep);
    }

    /**
     * A generated contact CSV imported end to end through {@link ContactImports} (the API's and CLI's path):
     * store and inspect the upload, suggested mapping, the chunked run writing contacts, identities and one
     * "imported" activity per row. Then the same file again, which must change nothing.
     */
    private void importRound(ConfigurableApplicationContext ctx, int rep, long rows) {
        ContactImports imports = ctx.getBean(ContactImports.class);
        ContactDirectory directory = ctx.getBean(ContactDirectory.class);
        ActivityLog log = ctx.getBean(ActivityLog.class);
        Path csv;
        try {
            csv = Files.createTempFile("baton-bench-import-", ".csv");
            long size = ContactCsvFile.write(csv, rows, 20261123L);
            out.printf(Locale.ROOT, "  run %d  generated %,d rows x 20 columns, %,d MB%n", rep, rows, size >> 20);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            System.gc();
            List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP).toList();
            heap.forEach(MemoryPoolMXBean::resetPeakUsage);
            long cpu0 = processCpuNanos();
            long thread0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            ImportJob job = importFile(imports, csv);
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cpuPerRow = (processCpuNanos() - cpu0) / 1e3 / rows;
            double threadPerRow = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - thread0) / 1e3 / rows;
            long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            if (job.status() != ImportJob.Status.COMPLETED || job.created() != rows || job.errors() != 0
                    || directory.total() != rows || log.count() != rows) {
                throw new IllegalStateException("import ended " + job.status().code() + " with " + job.created()
                        + " created, " + job.errors() + " errors, " + directory.total() + " contacts, "
                        + log.count() + " activities; expected " + rows + " of each and no errors");
            }
            record("import contacts CSV (new)", "rows/s", rows / seconds, rep);
            record("import peak heap (all pools)", "MB", peak / 1048576.0, rep);
            // CPU figures hold when other work shares the cores: the writing thread's time bounds the rate
            record("import CPU, whole process", "us/row", cpuPerRow, rep);
            record("import CPU, writing thread", "us/row", threadPerRow, rep);
            t0 = System.nanoTime();
            ImportJob again = importFile(imports, csv);
            seconds = (System.nanoTime() - t0) / 1e9;
            if (again.status() != ImportJob.Status.COMPLETED || again.created() + again.updated() != 0
                    || log.count() != rows) {
                throw new IllegalStateException("re-importing the same file changed something: " + again);
            }
            record("import same file again (no-op)", "rows/s", rows / seconds, rep);
        } finally {
            try {
                Files.deleteIfExists(csv);
            } catch (IOException ignored) {
                // a temp file left behind is harmless
            }
        }
    }

    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    private ImportJob importFile(ContactImports imports, Path csv) {
        long t0 = System.nanoTime();
        ImportJob job;
        try (java.io.InputStream in = Files.newInputStream(csv)) {
            job = imports.upload(ImportTarget.CONTACTS, csv.getFileName().toString(), in, null, null, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (job.status() != ImportJob.Status.PREVIEW) {
            throw new IllegalStateException("the generated file was rejected: " + job.message());
        }
        imports.configure(job.id(), new ImportMapping(job.mapping().columns(), ImportMapping.MatchKey.EMAIL,
                ImportMapping.Policy.UPSERT, "bench", "generated test list"));
        long t1 = System.nanoTime();
        ImportJob done = imports.run(job.id(), j -> { });
        out.printf(Locale.ROOT, "         upload and inspection %.1f s, run %.1f s%n", (t1 - t0) / 1e9,
                (System.nanoTime() - t1) / 1e9);
        return done;
    }

    private void record(String metric, String unit, double value, int rep) {
        results.computeIfAbsent(metric, k -> new ArrayList<>()).add(value);
        units.put(metric, unit);
        out.printf(Locale.ROOT, "  run %d  %-36s %,14.1f %s%n", rep, metric, value, unit);
        out.flush();
    }

    private void table() {
        out.println();
        out.printf(Locale.ROOT, "| %-36s | %14s | %14s | %14s | %-13s | %s |%n", "figure", "median", "min", "max",
                "unit", "runs");
        out.printf(Locale.ROOT, "|%s|%s|%s|%s|%s|%s|%n", "-".repeat(38), "-".repeat(16), "-".repeat(16),
                "-".repeat(16), "-".repeat(15), "------");
        for (Map.Entry<String, List<Double>> e : results.entrySet()) {
            List<Double> sorted = new ArrayList<>(e.getValue());
            sorted.sort(Double::compare);
            int n = sorted.size();
            double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
            out.printf(Locale.ROOT, "| %-36s | %,14.1f | %,14.1f | %,14.1f | %-13s | %4d |%n", e.getKey(), median,
                    sorted.get(0), sorted.get(n - 1), units.get(e.getKey()), n);
        }
        out.flush();
    }

    private ConfigurableApplicationContext start(FreshDatabase db) {
        return start(db, WebApplicationType.NONE);
    }

    private ConfigurableApplicationContext start(FreshDatabase db, WebApplicationType web) {
        Map<String, Object> props = new HashMap<>(db.properties());
        if (web != WebApplicationType.NONE) {
            props.put("server.port", "0");
        }
        props.put("baton.processors.enabled", "false");
        props.put("logging.level.root", "WARN");
        props.put("spring.main.banner-mode", "off");
        // As command-line arguments: they win over BATON_* environment variables (which name the base engine).
        String[] args = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(application).web(web).profiles("bench")
                .run(args);
    }

    /** A database that exists for one repetition. */
    interface FreshDatabase extends AutoCloseable {
        Map<String, Object> properties();

        @Override
        void close();
    }

    /** The engine under test, from BATON_DB_URL (environment or system property). */
    record Engine(String url, String user, String password) {

        static Engine fromEnvironment() {
            return new Engine(setting("BATON_DB_URL", "baton.db.url"), setting("BATON_DB_USER", "baton.db.user"),
                    setting("BATON_DB_PASSWORD", "baton.db.password"));
        }

        private static String setting(String env, String property) {
            String v = System.getProperty(property);
            if (v == null || v.isBlank()) {
                v = System.getenv(env);
            }
            return v == null ? "" : v.trim();
        }

        boolean postgres() {
            return url.startsWith("jdbc:postgresql:");
        }

        String describe() {
            if (postgres()) {
                int q = url.indexOf('?');
                return "PostgreSQL " + (q < 0 ? url : url.substring(0, q)) + " (a fresh schema per run)";
            }
            return "SQLite (a fresh file per run" + (url.isBlank() ? " in the temporary folder" : " next to " + url)
                    + ")";
        }

        FreshDatabase fresh() {
            if (postgres()) {
                String schema = "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
                execute("CREATE SCHEMA " + schema);
                String schemaUrl = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
                return new FreshDatabase() {
                    @Override
                    public Map<String, Object> properties() {
                        return Map.of("baton.db.url", schemaUrl, "baton.db.user", user, "baton.db.password",
                                password);
                    }

                    @Override
                    public void close() {
                        execute("DROP SCHEMA " + schema + " CASCADE");
                    }
                };
            }
            try {
                Path dir = url.isBlank() ? Files.createTempDirectory("baton-bench-")
                        : Files.createDirectories(Path.of(url.substring("jdbc:sqlite:".length())).toAbsolutePath()
                                .getParent().resolve("bench-" + UUID.randomUUID().toString().substring(0, 8)));
                Path file = dir.resolve("bench.db");
                return new FreshDatabase() {
                    @Override
                    public Map<String, Object> properties() {
                        return Map.of("baton.db.url", "jdbc:sqlite:" + file);
                    }

                    @Override
                    public void close() {
                        for (String suffix : new LinkedHashSet<>(List.of("", "-wal", "-shm", "-journal"))) {
                            try {
                                Files.deleteIfExists(Path.of(file + suffix));
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        }
                        try {
                            Files.deleteIfExists(dir);
                        } catch (IOException ignored) {
                            // a leftover empty folder is harmless
                        }
                    }
                };
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void execute(String sql) {
            try (Connection c = DriverManager.getConnection(url, user.isBlank() ? null : user,
                    password.isBlank() ? null : password); Statement s = c.createStatement()) {
                s.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot run '" + sql + "' on " + url, e);
            }
        }
    }

}

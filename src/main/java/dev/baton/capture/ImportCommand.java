package dev.baton.capture;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar baton.jar import --file contacts.csv
 * [--target contacts|accounts|opportunities|campaign-members|cost-entries]
 * [--preset salesforce] [--match email|external_id|domain|name|natural_key]
 * [--policy upsert|create_only|update_only|skip_existing] [--source "..."] [--provenance "..."]
 * [--encoding ISO-8859-1] [--delimiter comma|semicolon|tab]}: the same import as the API, without the web
 * server and with processors off (they catch up when the server next runs). Other {@code --name=value}
 * arguments are Spring/Baton properties, e.g. {@code --baton.db.url=...}.
 */
public final class ImportCommand {

    private static final List<String> OPTIONS = List.of("file", "preset", "match", "policy", "source", "provenance",
            "encoding", "delimiter", "target");

    private ImportCommand() {
    }

    /** Returns the exit code: 0 imported (see the error report for row-level problems), 2 bad usage or file. */
    public static int run(Class<?> application, String[] args, PrintStream out) {
        Map<String, String> options = new HashMap<>();
        List<String> springArgs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.startsWith("--") && a.contains("=")) {
                String name = a.substring(2, a.indexOf('='));
                if (OPTIONS.contains(name)) {
                    options.put(name, a.substring(a.indexOf('=') + 1));
                } else {
                    springArgs.add(a);
                }
            } else if (a.startsWith("--") && OPTIONS.contains(a.substring(2)) && i + 1 < args.length) {
                options.put(a.substring(2), args[++i]);
            } else {
                out.println("unknown argument: " + a);
                return usage(out);
            }
        }
        if (!options.containsKey("file")) {
            return usage(out);
        }
        Path file = Path.of(options.get("file"));
        if (!Files.isReadable(file)) {
            out.println("cannot read " + file.toAbsolutePath());
            return 2;
        }
        ImportMapping.MatchKey match;
        ImportMapping.Policy policy;
        ImportTarget target;
        try {
            match = options.containsKey("match") ? ImportMapping.MatchKey.valueOf(enumName(options.get("match")))
                    : null;
            policy = ImportMapping.Policy.valueOf(enumName(options.getOrDefault("policy", "upsert")));
            target = ImportTarget.valueOf(enumName(options.getOrDefault("target", "contacts")));
        } catch (IllegalArgumentException e) {
            out.println("bad option: " + e.getMessage());
            return usage(out);
        }
        springArgs.add("--baton.processors.enabled=false");
        springArgs.add("--baton.demo.enabled=false");
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .web(WebApplicationType.NONE).run(springArgs.toArray(String[]::new))) {
            ContactImports imports = context.getBean(ContactImports.class);
            ImportJob job;
            try (InputStream in = Files.newInputStream(file)) {
                job = imports.upload(target, file.getFileName().toString(), in, options.get("encoding"),
                        options.get("delimiter"), null);
            }
            if (job.status() == ImportJob.Status.REJECTED) {
                out.println("rejected: " + job.message());
                return 2;
            }
            out.printf("import %s: %d rows, %s, %s-separated%n", dev.baton.platform.Ids.format(job.id()),
                    job.rowCount(), job.encoding(), job.delimiter());
            ImportMapping mapping = options.containsKey("preset")
                    ? imports.applyPreset(job.id(), options.get("preset")) : job.mapping();
            mapping = new ImportMapping(mapping.columns(), match != null ? match : job.mapping().matchKey(), policy,
                    options.get("source"),
                    options.get("provenance"));
            mapping.columns().forEach((column, field) -> out.printf("  %s -> %s%n", column, field));
            imports.configure(job.id(), mapping);
            long total = job.rowCount();
            ImportJob done = imports.run(job.id(), j -> out.printf("  %d / %d rows%n", j.rowsDone(), total));
            out.printf("%s: %d created, %d updated, %d skipped, %d row errors%n", done.status().code(),
                    done.created(), done.updated(), done.skipped(), done.errors());
            if (done.message() != null) {
                out.println(done.message());
            }
            out.println("error report: " + imports.errorReportPath(job.id()));
            return 0;
        } catch (IOException e) {
            out.println("cannot read " + file + ": " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            out.println("import failed: " + e.getMessage());
            return 1;
        }
    }

    private static String enumName(String text) {
        return text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    }

    private static int usage(PrintStream out) {
        out.println("usage: java -jar baton.jar import --file contacts.csv"
                + " [--target contacts|accounts|opportunities|campaign-members|cost-entries]"
                + " [--preset salesforce|hubspot|marketo|<saved>]"
                + " [--match email|external_id|domain|name|natural_key]"
                + " [--policy upsert|create_only|update_only|skip_existing]"
                + " [--source \"list source\"] [--provenance \"purchased list\"] [--encoding UTF-8|ISO-8859-1]"
                + " [--delimiter comma|semicolon|tab] [--baton.db.url=...]");
        return 2;
    }
}

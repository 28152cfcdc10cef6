package dev.baton.web.api;

import dev.baton.capture.ContactImports;
import dev.baton.capture.ImportJob;
import dev.baton.capture.ImportMapping;
import dev.baton.capture.ImportPreset;
import dev.baton.capture.ImportTarget;
import dev.baton.platform.Ids;
import dev.baton.platform.NotFoundException;
import dev.baton.platform.UserDirectory;
import dev.baton.web.security.ApiTokenAuthentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** CSV imports: upload with preview, mapping, start, progress, error report; mapping presets. */
@RestController
@Tag(name = "Imports", description = "CSV imports of contacts, accounts, opportunities, campaign members and cost "
        + "entries with preview, mapping presets and error reports")
class ImportsApi {

    private final ContactImports imports;
    private final UserDirectory users;

    ImportsApi(ContactImports imports, UserDirectory users) {
        this.imports = imports;
        this.users = users;
    }

    public record MappingView(Map<String, String> columns, String matchKey, String policy, String listSource,
            String provenance) {

        static MappingView of(ImportMapping m) {
            return new MappingView(m.columns(), m.matchKey().code(), m.policy().code(), m.listSource(),
                    m.provenance());
        }
    }

    public record ImportView(String id, String target, String status, String fileName, long fileSize,
            String fingerprint, String encoding, String delimiter, List<String> headers, List<List<String>> preview,
            long rowCount, MappingView mapping, long rowsDone, long created, long updated, long skipped, long errors,
            String message, Instant createdAt, Instant startedAt, Instant finishedAt) {

        static ImportView of(ImportJob j) {
            return new ImportView(Ids.format(j.id()), j.target().code(), j.status().code(), j.fileName(),
                    j.fileSize(), j.fingerprint(), j.encoding(), j.delimiter(), j.headers(), j.preview(), j.rowCount(),
                    MappingView.of(j.mapping()), j.rowsDone(), j.created(), j.updated(), j.skipped(), j.errors(),
                    j.message(), j.createdAt(), j.startedAt(), j.finishedAt());
        }
    }

    /** PUT body: the column mapping and options; a preset name fills the columns from the preset. */
    public record MappingRequest(Map<String, String> columns, String preset, String matchKey, String policy,
            String listSource, String provenance) {
    }

    public record PresetRequest(String name, String target, Map<String, String> columns) {
    }

    public record PresetView(String name, String target, Map<String, String> columns, boolean builtIn) {

        static PresetView of(ImportPreset p) {
            return new PresetView(p.name(), p.target().code(), p.columns(), p.builtIn());
        }
    }

    @PostMapping(path = "/api/v1/imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Upload a CSV", description = "Stores and inspects the file; the job carries the preview and "
            + "a suggested mapping, or status 'rejected' with the reason. Options: kind (contacts|accounts|"
            + "opportunities|campaign_members|cost_entries; default contacts; 'target' is the older name), encoding, "
            + "delimiter (comma|semicolon|tab), preset, matchKey (contacts: email|external_id; accounts: "
            + "external_id|domain|name; opportunities: external_id; campaign members: email|external_id; cost entries: natural_key), policy "
            + "(upsert|create_only|update_only|skip_existing), listSource, provenance.")
    ResponseEntity<ImportView> upload(@RequestParam(name = "file", required = false) MultipartFile file,
            @RequestParam(required = false) String kind, @RequestParam(required = false) String target,
            @RequestParam(required = false) String encoding,
            @RequestParam(required = false) String delimiter, @RequestParam(required = false) String preset,
            @RequestParam(required = false) String matchKey, @RequestParam(required = false) String policy,
            @RequestParam(required = false) String listSource, @RequestParam(required = false) String provenance,
            Authentication caller) {
        if (file == null) {
            throw new ApiValidationException("file", "is required (multipart part 'file')");
        }
        ImportTarget what = kind != null ? parse(ImportTarget.class, "kind", kind, ImportTarget.CONTACTS)
                : parse(ImportTarget.class, "target", target, ImportTarget.CONTACTS);
        ImportJob job;
        try (InputStream in = file.getInputStream()) {
            job = imports.upload(what, file.getOriginalFilename(), in, blank(encoding), blank(delimiter),
                    callerId(caller));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (job.status() == ImportJob.Status.PREVIEW && (preset != null || matchKey != null || policy != null
                || listSource != null || provenance != null)) {
            job = configure(job, new MappingRequest(null, preset, matchKey, policy, listSource, provenance));
        }
        return ResponseEntity.created(URI.create("/api/v1/imports/" + Ids.format(job.id()))).body(ImportView.of(job));
    }

    @GetMapping(path = "/api/v1/imports", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Recent imports, newest first")
    List<ImportView> list(@RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > 500) {
            throw new ApiValidationException("limit", "must be between 1 and 500");
        }
        return imports.recent(limit).stream().map(ImportView::of).toList();
    }

    @GetMapping(path = "/api/v1/imports/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "An import with its preview, mapping and progress")
    ImportView get(@PathVariable String id) {
        return ImportView.of(job(id));
    }

    @PutMapping(path = "/api/v1/imports/{id}/mapping", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Set the column mapping and options before the import starts")
    ImportView mapping(@PathVariable String id, @RequestBody MappingRequest body) {
        return ImportView.of(configure(job(id), body));
    }

    @PostMapping(path = "/api/v1/imports/{id}/start", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Start (or resume) the import in the background; poll the import for progress")
    ResponseEntity<ImportView> start(@PathVariable String id) {
        long jobId = job(id).id();
        ImportJob job = fieldErrors(() -> imports.start(jobId));
        return ResponseEntity.accepted().body(ImportView.of(job));
    }

    @GetMapping(path = "/api/v1/imports/{id}/errors", produces = "text/csv")
    @Operation(summary = "The row-level error report as CSV: row, column, value, message")
    void errors(@PathVariable String id, HttpServletResponse response) throws IOException {
        ImportJob job = job(id);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"import-" + Ids.format(job.id())
                + "-errors.csv\"");
        Writer w = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        imports.writeErrors(job.id(), w);
        w.flush();
    }

    @GetMapping(path = "/api/v1/import-presets", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Mapping presets: shipped (Salesforce, HubSpot, Marketo) and saved ones")
    List<PresetView> presets(@RequestParam(required = false) String kind,
            @RequestParam(required = false) String target) {
        ImportTarget what = kind != null ? parse(ImportTarget.class, "kind", kind, ImportTarget.CONTACTS)
                : parse(ImportTarget.class, "target", target, ImportTarget.CONTACTS);
        return imports.presets(what).stream()
                .map(PresetView::of).toList();
    }

    @PostMapping(path = "/api/v1/import-presets", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Save a mapping preset by name (replaces a saved preset of that name)")
    ResponseEntity<PresetView> savePreset(@RequestBody PresetRequest body) {
        if (body.columns() == null || body.columns().isEmpty()) {
            throw new ApiValidationException("columns", "must map at least one column");
        }
        ImportTarget kind = parse(ImportTarget.class, "target", body.target(), ImportTarget.CONTACTS);
        ImportPreset saved = fieldErrors(() -> imports.savePreset(new ImportPreset(body.name(), kind, body.columns(),
                false)));
        return ResponseEntity.status(201).body(PresetView.of(saved));
    }

    private ImportJob configure(ImportJob job, MappingRequest body) {
        return fieldErrors(() -> {
            ImportMapping current = job.mapping();
            Map<String, String> columns = body.columns() != null ? body.columns()
                    : body.preset() != null ? imports.applyPreset(job.id(), body.preset()).columns()
                    : current.columns();
            ImportMapping mapping = new ImportMapping(columns,
                    parse(ImportMapping.MatchKey.class, "matchKey", body.matchKey(), current.matchKey()),
                    parse(ImportMapping.Policy.class, "policy", body.policy(), current.policy()),
                    body.listSource() != null ? body.listSource() : current.listSource(),
                    body.provenance() != null ? body.provenance() : current.provenance());
            if (mapping.listSource() != null && mapping.listSource().length() > 200) {
                throw new ApiValidationException("listSource", "must be at most 200 characters");
            }
            if (mapping.provenance() != null && mapping.provenance().length() > 200) {
                throw new ApiValidationException("provenance", "must be at most 200 characters");
            }
            return imports.configure(job.id(), mapping);
        });
    }

    /** Turns the service's "field: message" argument errors into a problem naming the field. */
    private static <T> T fieldErrors(java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (ApiValidationException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            String m = e.getMessage() == null ? "invalid" : e.getMessage();
            int sep = m.indexOf(": ");
            if (sep > 0 && m.substring(0, sep).matches("[A-Za-z]+")) {
                throw new ApiValidationException(m.substring(0, sep), m.substring(sep + 2));
            }
            throw e;
        }
    }

    private ImportJob job(String id) {
        if (!Ids.isValid(id)) {
            throw new NotFoundException("import", id);
        }
        return imports.find(Ids.parse(id)).orElseThrow(() -> new NotFoundException("import", id));
    }

    private Long callerId(Authentication caller) {
        if (caller instanceof ApiTokenAuthentication token) {
            return token.grant().userId();
        }
        return caller == null ? null : users.findByEmail(caller.getName()).map(UserDirectory.User::id).orElse(null);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String field, String text, E fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            StringBuilder allowed = new StringBuilder();
            for (E c : type.getEnumConstants()) {
                allowed.append(allowed.isEmpty() ? "" : ", ").append(c.name().toLowerCase(Locale.ROOT));
            }
            throw new ApiValidationException(field, "must be one of " + allowed);
        }
    }
}

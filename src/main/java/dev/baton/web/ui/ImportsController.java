package dev.baton.web.ui;

import dev.baton.capture.ContactImports;
import dev.baton.capture.ImportJob;
import dev.baton.capture.ImportMapping;
import dev.baton.capture.ImportPreset;
import dev.baton.capture.ImportTarget;
import dev.baton.platform.BatonProperties;
import dev.baton.platform.ConflictException;
import dev.baton.platform.Ids;
import dev.baton.platform.NotFoundException;
import dev.baton.platform.UserDirectory;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * CSV imports in the UI (/capture/** is ADMIN, OPS and MARKETER): the list with progress, upload, preview with
 * the column mapping (suggested, or from a preset), options, start, live progress and the error report.
 */
@Controller
class ImportsController extends UiController {

    private final ContactImports imports;
    private final UserDirectory users;

    private final DataSize maxUpload;

    ImportsController(ContactImports imports, UserDirectory users, BatonProperties props) {
        this.imports = imports;
        this.users = users;
        this.maxUpload = props.imports().maxUploadSize();
    }

    @GetMapping("/capture/imports")
    String list(@RequestParam(name = ImportUploadLimit.TOO_LARGE_PARAM, required = false) String tooLarge,
            Model model) {
        model.addAttribute("jobs", imports.recent(50));
        if (tooLarge != null) {
            model.addAttribute("fileError", "The file is larger than the upload limit of "
                    + maxUpload.toMegabytes() + " MB (BATON_IMPORTS_MAX_UPLOAD_SIZE). Split it, or import it "
                    + "with the command line: java -jar baton.jar import --file <file.csv>.");
        }
        return "capture/imports";
    }

    @PostMapping("/capture/imports")
    String upload(@RequestParam(name = "file", required = false) MultipartFile file,
            @RequestParam(required = false) String kind, Authentication auth, Model model) throws IOException {
        ImportTarget target = parse(ImportTarget.class, kind, ImportTarget.CONTACTS);
        if (file == null || file.isEmpty() && (file.getOriginalFilename() == null
                || file.getOriginalFilename().isBlank())) {
            model.addAttribute("jobs", imports.recent(50));
            model.addAttribute("fileError", "Choose a CSV file to upload.");
            return "capture/imports";
        }
        Long userId = users.findByEmail(auth.getName()).map(UserDirectory.User::id).orElse(null);
        ImportJob job;
        try (InputStream in = file.getInputStream()) {
            job = imports.upload(target, file.getOriginalFilename(), in, null, null, userId);
        }
        return "redirect:/capture/imports/" + Ids.format(job.id());
    }

    @GetMapping("/capture/imports/{id}")
    String show(@PathVariable String id, @RequestParam(required = false) String preset, Model model) {
        ImportJob job = job(id);
        ImportMapping mapping = job.mapping();
        if (preset != null && !preset.isBlank() && job.status() == ImportJob.Status.PREVIEW) {
            mapping = imports.applyPreset(job.id(), preset);
        }
        return page(job, mapping, preset, Map.of(), model);
    }

    private String page(ImportJob job, ImportMapping mapping, String preset, Map<String, String> errors,
            Model model) {
        model.addAttribute("job", job);
        model.addAttribute("jobId", Ids.format(job.id()));
        model.addAttribute("mapping", mapping);
        model.addAttribute("preset", preset);
        model.addAttribute("fields", imports.fields(job.target()));
        Map<String, String> keys = new LinkedHashMap<>();
        for (ImportMapping.MatchKey k : imports.matchKeys(job.target())) {
            keys.put(k.name(), switch (k) {
                case EMAIL -> job.target() == ImportTarget.CONTACTS ? "Email" : "Contact email";
                case EXTERNAL_ID -> job.target() == ImportTarget.CAMPAIGN_MEMBERS ? "Contact external id"
                        : "External id";
                case DOMAIN -> "Domain (from domain or website)";
                case NAME -> "Name";
                case NATURAL_KEY -> "Campaign, period, amount, currency and description";
            });
        }
        model.addAttribute("matchKeys", keys);
        model.addAttribute("kindLabel", job.target().code().replace('_', ' '));
        model.addAttribute("presets", imports.presets(job.target()).stream().map(ImportPreset::name).toList());
        model.addAttribute("errors", errors);
        return "capture/import";
    }

    /** The progress card alone, polled by htmx while the import runs. */
    @GetMapping("/capture/imports/{id}/progress")
    String progress(@PathVariable String id, Model model) {
        ImportJob job = job(id);
        model.addAttribute("job", job);
        model.addAttribute("jobId", Ids.format(job.id()));
        return "capture/import :: progress";
    }

    @PostMapping("/capture/imports/{id}")
    String configure(@PathVariable String id, @RequestParam MultiValueMap<String, String> form,
            RedirectAttributes flash, Model model) {
        ImportJob job = job(id);
        Map<String, String> columns = new LinkedHashMap<>();
        List<String> headers = job.headers() == null ? List.of() : job.headers();
        for (int i = 0; i < headers.size(); i++) {
            String field = form.getFirst("col" + i);
            if (field != null && !field.isBlank()) {
                columns.put(headers.get(i), field);
            }
        }
        Map<String, String> errors = new LinkedHashMap<>();
        ImportMapping.MatchKey key = parse(ImportMapping.MatchKey.class, form.getFirst("matchKey"),
                imports.matchKeys(job.target()).get(0));
        ImportMapping.Policy policy = parse(ImportMapping.Policy.class, form.getFirst("policy"),
                ImportMapping.Policy.UPSERT);
        String source = blank(form.getFirst("listSource"));
        String provenance = blank(form.getFirst("provenance"));
        if (source != null && source.length() > 200) {
            errors.put("listSource", "At most 200 characters.");
        }
        if (provenance != null && provenance.length() > 200) {
            errors.put("provenance", "At most 200 characters.");
        }
        ImportMapping mapping = new ImportMapping(columns, key, policy, source, provenance);
        String presetName = blank(form.getFirst("presetName"));
        if (errors.isEmpty()) {
            try {
                imports.configure(job.id(), mapping);
                if (presetName != null) {
                    imports.savePreset(new ImportPreset(presetName, job.target(), columns, false));
                }
                if ("start".equals(form.getFirst("action"))) {
                    imports.start(job.id());
                    flash.addFlashAttribute("notice", "The import started.");
                } else {
                    flash.addFlashAttribute("notice", presetName == null ? "Mapping saved."
                            : "Mapping saved, and saved as preset " + presetName + ".");
                }
                return "redirect:/capture/imports/" + Ids.format(job.id());
            } catch (IllegalArgumentException | ConflictException e) {
                String m = e.getMessage() == null ? "invalid" : e.getMessage();
                int sep = m.indexOf(": ");
                String field = sep > 0 ? m.substring(0, sep) : "columns";
                errors.put(field.equals("name") ? "presetName" : field, sep > 0 ? m.substring(sep + 2) : m);
            }
        }
        return page(job(id), mapping, null, errors, model);
    }

    @GetMapping("/capture/imports/{id}/errors")
    void errors(@PathVariable String id, HttpServletResponse response) throws IOException {
        ImportJob job = job(id);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"import-" + Ids.format(job.id())
                + "-errors.csv\"");
        Writer w = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        imports.writeErrors(job.id(), w);
        w.flush();
    }

    private ImportJob job(String id) {
        if (!Ids.isValid(id)) {
            throw new NotFoundException("import", id);
        }
        return imports.find(Ids.parse(id)).orElseThrow(() -> new NotFoundException("import", id));
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String text, E fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }
}

package dev.baton.web.api;

import dev.baton.capture.HostedForms;
import dev.baton.platform.Ids;
import dev.baton.platform.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/forms", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Hosted forms", description = "Forms rendered by Baton at /f/<key> (page, iframe or script embed). "
        + "Fields map to contact attributes; consent boxes carry the exact text, versioned by Baton.")
class FormsApi {

    private final HostedForms forms;

    FormsApi(HostedForms forms) {
        this.forms = forms;
    }

    /**
     * A form as written by a client. Consent box versions are assigned by Baton (any given are ignored).
     */
    public record FormRequest(String name, HostedForms.Status status, @NotNull List<HostedForms.Field> fields,
            List<HostedForms.ConsentBox> consents, String campaignId, String thankYouMessage, String redirectUrl,
            String submitLabel) {

        HostedForms.FormDraft draft() {
            Long campaign = null;
            if (campaignId != null && !campaignId.isBlank()) {
                if (!Ids.isValid(campaignId)) {
                    throw new ApiValidationException("campaignId", "must be a campaign id");
                }
                campaign = Ids.parse(campaignId);
            }
            return new HostedForms.FormDraft(name, status, fields, consents, campaign, thankYouMessage, redirectUrl,
                    submitLabel);
        }
    }

    public record FormView(String id, String key, String name, HostedForms.Status status,
            List<HostedForms.Field> fields, List<HostedForms.ConsentBox> consents, String campaignId,
            String thankYouMessage, String redirectUrl, String submitLabel, int revision, long spamRejections,
            String hostedUrl, String scriptUrl, Instant createdAt, Instant updatedAt) {

        static FormView of(HostedForms.Form f) {
            return new FormView(Ids.format(f.id()), f.key(), f.name(), f.status(), f.fields(), f.consents(),
                    f.campaignId() == null ? null : Ids.format(f.campaignId()), f.thankYouMessage(), f.redirectUrl(),
                    f.submitLabel(), f.revision(), f.spamRejections(), "/f/" + f.key(), "/f/" + f.key() + ".js",
                    f.createdAt(), f.updatedAt());
        }
    }

    public record FormListItem(FormView form, long submissions, Instant lastSubmittedAt) {
    }

    public record FormList(List<FormListItem> forms) {
    }

    public record SubmissionView(String id, String contactId, String activityId, Instant submittedAt,
            Map<String, String> values) {
    }

    @GetMapping
    @Operation(summary = "List forms with their submission counts")
    FormList list() {
        return new FormList(forms.list().stream()
                .map(s -> new FormListItem(FormView.of(s.form()), s.submissions(), s.lastSubmittedAt())).toList());
    }

    @GetMapping("/{id}")
    FormView get(@PathVariable String id) {
        return FormView.of(find(id));
    }

    @GetMapping("/{id}/submissions")
    @Operation(summary = "The newest accepted submissions of a form")
    List<SubmissionView> submissions(@PathVariable String id, @RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > 500) {
            throw new ApiValidationException("limit", "must be between 1 and 500");
        }
        return forms.recentSubmissions(find(id).id(), limit).stream()
                .map(s -> new SubmissionView(Ids.format(s.id()), Ids.format(s.contactId()), Ids.format(s.activityId()),
                        s.submittedAt(), s.values()))
                .toList();
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<FormView> create(@Valid @RequestBody FormRequest body) {
        FormView view = FormView.of(save(() -> forms.create(body.draft())));
        return ResponseEntity.created(URI.create("/api/v1/forms/" + view.id())).body(view);
    }

    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Replace a form's definition; changed consent texts of a published form get a new version")
    FormView update(@PathVariable String id, @Valid @RequestBody FormRequest body) {
        long formId = find(id).id();
        return FormView.of(save(() -> forms.update(formId, body.draft())));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String id) {
        forms.delete(find(id).id());
    }

    private static HostedForms.Form save(java.util.function.Supplier<HostedForms.Form> action) {
        try {
            return action.get();
        } catch (HostedForms.InvalidForm e) {
            throw new ApiValidationException(e.problems().stream()
                    .map(p -> new ApiProblem.FieldProblem(p.field(), p.message())).toList());
        }
    }

    private HostedForms.Form find(String id) {
        long formId = Checks.pathId("form", id);
        return forms.find(formId).orElseThrow(() -> new NotFoundException("form", id));
    }
}

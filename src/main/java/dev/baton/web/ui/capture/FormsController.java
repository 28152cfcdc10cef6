package dev.baton.web.ui.capture;

import dev.baton.capture.HostedForms;
import dev.baton.capture.PageViews;
import dev.baton.management.Campaign;
import dev.baton.management.CampaignManagement;
import dev.baton.management.CampaignQuery;
import dev.baton.platform.AuditLog;
import dev.baton.platform.BatonProperties;
import dev.baton.platform.ConflictException;
import dev.baton.platform.Ids;
import dev.baton.platform.NotFoundException;
import dev.baton.platform.SortOrder;
import dev.baton.web.ui.UiController;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Capture → Forms: the list with submission counts and the snippet tag, and the builder (fields, consent
 * boxes, success behaviour) with a live preview, embed codes and recent submissions. The builder's add, remove
 * and reorder buttons post the whole form back (htmx swaps the page body; without JavaScript the page reloads).
 */
@Controller
class FormsController extends UiController {

    private final HostedForms forms;
    private final PageViews pageViews;
    private final CampaignManagement campaigns;
    private final AuditLog audit;
    private final BatonProperties props;
    private final Clock clock;

    FormsController(HostedForms forms, PageViews pageViews, CampaignManagement campaigns, AuditLog audit,
            BatonProperties props, Clock clock) {
        this.forms = forms;
        this.pageViews = pageViews;
        this.campaigns = campaigns;
        this.audit = audit;
        this.props = props;
        this.clock = clock;
    }

    @GetMapping("/capture/forms")
    String list(Model model) {
        model.addAttribute("summaries", forms.list());
        model.addAttribute("base", base());
        model.addAttribute("siteKey", pageViews.siteKey());
        return "capture/forms";
    }

    @GetMapping("/capture/forms/new")
    String create(Model model) {
        return builder(model, FormBuilder.starter(), Map.of(), null);
    }

    @PostMapping("/capture/forms")
    String createPost(@ModelAttribute("builder") FormBuilder b, @RequestParam(name = "op", required = false) String op,
            Authentication auth, Model model, RedirectAttributes flash, HttpServletResponse response) {
        if (b.apply(op)) {
            return builder(model, b, Map.of(), null);
        }
        Map<String, String> errors = new LinkedHashMap<>();
        HostedForms.FormDraft draft = b.draft(errors);
        FormBuilder.problems(forms.check(draft), errors);
        if (errors.isEmpty()) {
            try {
                HostedForms.Form f = forms.create(draft);
                audit.record(auth.getName(), "form.created", "form", Ids.format(f.id()),
                        "name=" + f.name() + " status=" + f.status().code());
                flash.addFlashAttribute("notice", "Form " + f.name() + " was created.");
                return "redirect:/capture/forms/" + Ids.format(f.id());
            } catch (ConflictException e) {
                errors.put("name", "A form with this name already exists.");
            } catch (HostedForms.InvalidForm e) {
                FormBuilder.problems(e.problems(), errors);
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        return builder(model, b, errors, null);
    }

    @GetMapping("/capture/forms/{id}")
    String edit(@PathVariable String id, Model model) {
        HostedForms.Form f = find(id);
        return builder(model, FormBuilder.of(f), Map.of(), f);
    }

    @PostMapping("/capture/forms/{id}")
    String update(@PathVariable String id, @ModelAttribute("builder") FormBuilder b,
            @RequestParam(name = "op", required = false) String op, Authentication auth, Model model,
            RedirectAttributes flash, HttpServletResponse response) {
        HostedForms.Form current = find(id);
        if (b.apply(op)) {
            return builder(model, b, Map.of(), current);
        }
        Map<String, String> errors = new LinkedHashMap<>();
        HostedForms.FormDraft draft = b.draft(errors);
        FormBuilder.problems(forms.check(draft), errors);
        if (errors.isEmpty()) {
            try {
                HostedForms.Form f = forms.update(current.id(), draft);
                audit.record(auth.getName(), "form.updated", "form", Ids.format(f.id()),
                        "name=" + f.name() + " status=" + f.status().code() + " revision=" + f.revision());
                flash.addFlashAttribute("notice", "Form " + f.name() + " was saved.");
                return "redirect:/capture/forms/" + Ids.format(f.id());
            } catch (ConflictException e) {
                errors.put("name", "A form with this name already exists.");
            } catch (HostedForms.InvalidForm e) {
                FormBuilder.problems(e.problems(), errors);
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        return builder(model, b, errors, current);
    }

    @PostMapping("/capture/forms/{id}/delete")
    String delete(@PathVariable String id, Authentication auth, RedirectAttributes flash) {
        HostedForms.Form f = find(id);
        forms.delete(f.id());
        audit.record(auth.getName(), "form.deleted", "form", Ids.format(f.id()), "name=" + f.name());
        flash.addFlashAttribute("notice", "Form " + f.name() + " was deleted.");
        return "redirect:/capture/forms";
    }

    /** The live preview: the builder's current state rendered as visitors will see it (htmx fragment). */
    @PostMapping("/capture/forms/preview")
    String preview(@ModelAttribute("builder") FormBuilder b, Model model) {
        previewModel(model, b);
        return "capture/form-builder :: preview";
    }

    private void previewModel(Model model, FormBuilder b) {
        Map<String, String> errors = new LinkedHashMap<>();
        HostedForms.FormDraft d = b.draft(errors);
        FormBuilder.problems(forms.check(d), errors);
        boolean usable = d.fields().stream().allMatch(f -> f.type() != null && f.name() != null && f.label() != null);
        model.addAttribute("previewable", usable);
        model.addAttribute("previewProblems", errors.size());
        if (usable) {
            Instant now = clock.instant();
            model.addAttribute("pf", new HostedForms.Form(0, "preview", d.name(), d.status(), d.fields(),
                    d.consents(), d.campaignId(), d.thankYouMessage(), d.redirectUrl(), d.submitLabel(), 0, 0, now,
                    now));
        }
        Map<String, String> tracking = new LinkedHashMap<>();
        model.addAttribute("emptyTracking", tracking);
        model.addAttribute("formCss", FormAssets.css());
    }

    private String builder(Model model, FormBuilder b, Map<String, String> errors, HostedForms.Form editing) {
        model.addAttribute("builder", b);
        model.addAttribute("errors", errors);
        model.addAttribute("editing", editing);
        model.addAttribute("types", HostedForms.FieldType.values());
        model.addAttribute("attributes", HostedForms.Attribute.values());
        model.addAttribute("campaignOptions", campaignOptions());
        model.addAttribute("base", base());
        if (editing != null) {
            model.addAttribute("submissions", forms.recentSubmissions(editing.id(), 20));
        }
        previewModel(model, b);
        return "capture/form-builder";
    }

    private List<Campaign> campaignOptions() {
        return campaigns.search(new CampaignQuery(null, null, null, null, null,
                new SortOrder<>(CampaignQuery.Sort.NAME, false, 0, null, 500)));
    }

    private String base() {
        String configured = props.publicUrl();
        if (configured != null && !configured.isBlank()) {
            return configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
        }
        return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
    }

    private HostedForms.Form find(String id) {
        if (!Ids.isValid(id)) {
            throw new NotFoundException("form", id);
        }
        return forms.find(Ids.parse(id)).orElseThrow(() -> new NotFoundException("form", id));
    }
}

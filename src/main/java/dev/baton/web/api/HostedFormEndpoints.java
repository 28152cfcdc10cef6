package dev.baton.web.api;

import dev.baton.capture.HostedForms;
import dev.baton.capture.HostedForms.Form;
import dev.baton.platform.BatonProperties;
import dev.baton.platform.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The public side of hosted forms: {@code GET /f/<key>} (the hosted page, also what an iframe loads),
 * {@code GET /f/<key>.js} (the script embed) and {@code POST /f/<key>} (plain HTML post, answered with a
 * thank-you page or a 303 redirect; or fetch with {@code Accept: application/json}, answered with JSON).
 * No session or CSRF cookie: a post proves itself with the signed render token. People see these pages, so
 * failures are small HTML pages (or JSON for fetch), never problem documents.
 */
@Controller
class HostedFormEndpoints {

    static final String FORM_CSS = read("capture/form.css");
    private static final String EMBED_JS = read("capture/form-embed.js");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String DEFAULT_THANKS = "Thank you! We have received your details.";

    private final HostedForms forms;
    private final PublicRateLimiter limiter;
    private final Clock clock;
    private final int postsPerMinute;

    HostedFormEndpoints(HostedForms forms, PublicRateLimiter limiter, Clock clock, BatonProperties props) {
        this.forms = forms;
        this.limiter = limiter;
        this.clock = clock;
        this.postsPerMinute = props.forms().submissionsPerMinute();
    }

    static String read(String path) {
        try (InputStream in = new ClassPathResource(path).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GetMapping(path = "/f/{key}", produces = MediaType.TEXT_HTML_VALUE)
    String page(@PathVariable String key, HttpServletRequest request, HttpServletResponse response, Model model) {
        if (!limiter.allow("form-view", request.getRemoteAddr())) {
            return tooMany(response, model);
        }
        Form form = published(key);
        if (form == null) {
            return notFound(response, model);
        }
        Map<String, String> tracking = tracking(request::getParameter);
        if (tracking.get("referrer") == null && request.getParameter("embed") == null) {
            tracking.put("referrer", request.getHeader(HttpHeaders.REFERER));
        }
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        return render(model, form, Map.of(), Map.of(), forms.renderToken(form, clock.instant()), tracking,
                request.getParameter("embed") != null);
    }

    @GetMapping(path = "/f/{key}.js", produces = "text/javascript")
    ResponseEntity<String> script(@PathVariable String key, HttpServletRequest request) {
        if (!limiter.allow("form-view", request.getRemoteAddr())) {
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header(HttpHeaders.RETRY_AFTER, "60")
                    .contentType(new MediaType("text", "javascript", StandardCharsets.UTF_8))
                    .body("console.warn('Baton form: too many requests from this address; try again in a minute.');");
        }
        Form form = published(key);
        if (form == null) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND)
                    .contentType(new MediaType("text", "javascript", StandardCharsets.UTF_8))
                    .body("console.warn('Baton form: no published form has this key.');");
        }
        String base = UriComponentsBuilder.fromUriString(request.getRequestURL().toString()).replacePath(null)
                .replaceQuery(null).build().toUriString();
        ObjectNode cfg = JSON.createObjectNode();
        cfg.put("key", form.key());
        cfg.put("action", base + "/f/" + form.key());
        cfg.put("token", forms.renderToken(form, clock.instant()));
        cfg.put("tokenInput", HostedForms.TOKEN);
        cfg.put("honeypot", HostedForms.HONEYPOT);
        cfg.put("submitLabel", form.submitLabel() == null ? "Submit" : form.submitLabel());
        cfg.put("css", FORM_CSS);
        ArrayNode fields = cfg.putArray("fields");
        for (HostedForms.Field f : form.fields()) {
            ObjectNode o = fields.addObject();
            o.put("name", f.name());
            o.put("label", f.label());
            o.put("type", f.type().code());
            o.put("required", f.required());
            if (f.maxLength() != null) {
                o.put("maxLength", f.maxLength());
            }
            o.put("defaultValue", f.defaultValue());
            ArrayNode options = o.putArray("options");
            f.options().forEach(options::add);
        }
        ArrayNode consents = cfg.putArray("consents");
        for (HostedForms.ConsentBox c : form.consents()) {
            consents.addObject().put("name", c.name()).put("text", c.text()).put("required", c.required());
        }
        // JSON is a JS literal; escaping '<' and the two JS line terminators keeps it inert anywhere
        String literal = JSON.writeValueAsString(cfg).replace("<", "\\u003c").replace("\u2028", "\\u2028")
                .replace("\u2029", "\\u2029");
        return ResponseEntity.ok().contentType(new MediaType("text", "javascript", StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noStore())
                .body(EMBED_JS.replace("/*BATON_FORM_CONFIG*/null", literal));
    }

    /** A plain HTML post (JavaScript off, or the iframe). */
    @PostMapping(path = "/f/{key}", produces = MediaType.TEXT_HTML_VALUE)
    String post(@PathVariable String key, HttpServletRequest request, HttpServletResponse response, Model model) {
        if (!limiter.allow("form-post", request.getRemoteAddr(), postsPerMinute)) {
            return tooMany(response, model);
        }
        HostedForms.Outcome outcome;
        try {
            outcome = forms.submit(submission(key, request));
        } catch (NotFoundException e) {
            return notFound(response, model);
        }
        Form form = outcome.form();
        if (outcome instanceof HostedForms.Invalid invalid) {
            Map<String, String> errors = new LinkedHashMap<>();
            invalid.problems().forEach(p -> errors.putIfAbsent(p.field(), p.message()));
            if (errors.keySet().stream().anyMatch(f -> !f.equals("_form"))) {
                errors.putIfAbsent("_form", "Please correct the marked fields.");
            }
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return render(model, form, values(request), errors, invalid.token(), tracking(request::getParameter),
                    request.getParameter("embed") != null);
        }
        // accepted, or a bot (honeypot) that must not learn it was caught
        if (form.redirectUrl() != null) {
            response.setStatus(HttpStatus.SEE_OTHER.value());
            response.setHeader(HttpHeaders.LOCATION, form.redirectUrl());
            return null;
        }
        model.addAttribute("formCss", FORM_CSS);
        model.addAttribute("title", form.name());
        model.addAttribute("message", thanks(form));
        return "forms/thanks";
    }

    /** The script embed's fetch. */
    @PostMapping(path = "/f/{key}", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    ResponseEntity<Map<String, Object>> postJson(@PathVariable String key, HttpServletRequest request) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (!limiter.allow("form-post", request.getRemoteAddr(), postsPerMinute)) {
            body.put("ok", false);
            body.put("message", "Too many submissions from this address. Please try again in a minute.");
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header(HttpHeaders.RETRY_AFTER, "60")
                    .body(body);
        }
        HostedForms.Outcome outcome;
        try {
            outcome = forms.submit(submission(key, request));
        } catch (NotFoundException e) {
            body.put("ok", false);
            body.put("message", "This form does not exist or is no longer published.");
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(body);
        }
        if (outcome instanceof HostedForms.Invalid invalid) {
            Map<String, String> errors = new LinkedHashMap<>();
            invalid.problems().forEach(p -> errors.putIfAbsent(p.field(), p.message()));
            body.put("ok", false);
            body.put("errors", errors);
            body.put("token", invalid.token());
            return ResponseEntity.status(HttpStatus.UNPROCESSABLE_ENTITY).body(body);
        }
        body.put("ok", true);
        if (outcome.form().redirectUrl() != null) {
            body.put("redirect", outcome.form().redirectUrl());
        } else {
            body.put("message", thanks(outcome.form()));
        }
        return ResponseEntity.ok(body);
    }

    private HostedForms.Submission submission(String key, HttpServletRequest request) {
        Map<String, String> values = new LinkedHashMap<>();
        int count = 0;
        for (Map.Entry<String, String[]> e : request.getParameterMap().entrySet()) {
            // a form has at most 50 fields + 10 boxes + Baton's inputs; more is not a person's post
            if (++count > 200) {
                break;
            }
            if (e.getValue().length > 0) {
                values.put(e.getKey(), e.getValue()[0]);
            }
        }
        return new HostedForms.Submission(key, values, request.getRemoteAddr(),
                request.getHeader(HttpHeaders.USER_AGENT));
    }

    private Form published(String key) {
        return forms.findByKey(key).filter(f -> f.status() == HostedForms.Status.PUBLISHED).orElse(null);
    }

    private static String thanks(Form form) {
        return form.thankYouMessage() != null ? form.thankYouMessage() : DEFAULT_THANKS;
    }

    private static Map<String, String> values(HttpServletRequest request) {
        Map<String, String> values = new LinkedHashMap<>();
        request.getParameterMap().forEach((k, v) -> {
            if (v.length > 0 && values.size() < 200) {
                values.put(k, v[0]);
            }
        });
        return values;
    }

    static Map<String, String> tracking(java.util.function.Function<String, String> source) {
        Map<String, String> tracking = new LinkedHashMap<>();
        for (String name : HostedForms.TRACKING_INPUTS) {
            String v = source.apply(name);
            tracking.put(name, v == null || v.isBlank() ? null : v.length() > 2000 ? v.substring(0, 2000) : v);
        }
        return tracking;
    }

    private String render(Model model, Form form, Map<String, String> values, Map<String, String> errors, String token,
            Map<String, String> tracking, boolean embedded) {
        model.addAttribute("formCss", FORM_CSS);
        model.addAttribute("hf", form);
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        model.addAttribute("token", token);
        model.addAttribute("tracking", tracking);
        model.addAttribute("embedded", embedded);
        model.addAttribute("action", "/f/" + form.key() + (embedded ? "?embed=1" : ""));
        return "forms/hosted";
    }

    private static String notFound(HttpServletResponse response, Model model) {
        response.setStatus(HttpStatus.NOT_FOUND.value());
        model.addAttribute("formCss", FORM_CSS);
        model.addAttribute("title", "Form not found");
        model.addAttribute("message", "This form does not exist or is no longer published.");
        return "forms/thanks";
    }

    private static String tooMany(HttpServletResponse response, Model model) {
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, "60");
        model.addAttribute("formCss", FORM_CSS);
        model.addAttribute("title", "Too many requests");
        model.addAttribute("message", "Too many submissions from this address. Please try again in a minute.");
        return "forms/thanks";
    }
}

package dev.baton.web.ui.capture;

import dev.baton.capture.InboundWebhooks;
import dev.baton.capture.InboundWebhooks.Mapping;
import dev.baton.capture.InboundWebhooks.Webhook;
import dev.baton.platform.BatonProperties;
import dev.baton.platform.Channel;
import dev.baton.platform.ConflictException;
import dev.baton.platform.Ids;
import dev.baton.platform.NotFoundException;
import dev.baton.web.ui.UiController;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Inbound webhooks for ADMIN and OPS (as the REST API): list, register with a field mapping, the secret shown
 * once after registering or rotating, the endpoint with a signed curl example, and recent deliveries.
 */
@Controller
class WebhooksController extends UiController {

    static final int MAX_PROPERTIES = 50;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern SEGMENT = Pattern.compile("\\.?([A-Za-z0-9_-]+)|\\[(\\d+)\\]");
    private static final Pattern PROPERTY_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

    private final InboundWebhooks webhooks;
    private final BatonProperties props;

    WebhooksController(InboundWebhooks webhooks, BatonProperties props) {
        this.webhooks = webhooks;
        this.props = props;
    }

    /** The registration form as typed. */
    public record WebhookForm(String name, String activityType, String channel, String email, String phone,
            String externalId, String country, String occurredAt, String properties) {

        static WebhookForm blank() {
            return new WebhookForm("", "", "", "", "", "", "", "", "");
        }
    }

    /** A secret to show once: after registering or rotating. */
    public record ShownSecret(String webhookId, String secret, boolean rotated) {
    }

    @GetMapping("/capture/webhooks")
    String list(Model model) {
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", WebhookForm.blank());
        }
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        fill(model);
        return "capture/webhooks";
    }

    @PostMapping("/capture/webhooks")
    String register(@RequestParam Map<String, String> p, Model model, RedirectAttributes flash,
            HttpServletResponse response) {
        WebhookForm form = new WebhookForm(v(p, "name"), v(p, "activityType"), v(p, "channel"), v(p, "email"),
                v(p, "phone"), v(p, "externalId"), v(p, "country"), v(p, "occurredAt"), v(p, "properties"));
        Map<String, String> errors = new LinkedHashMap<>();
        String name = form.name().strip();
        if (name.isEmpty() || name.length() > 200) {
            errors.put("name", "Give the webhook a name of 1 to 200 characters, e.g. \"Webinar attendance\".");
        }
        if (!InboundWebhooks.ACTIVITY_TYPE.matcher(form.activityType().strip()).matches()) {
            errors.put("activityType", "Use lower-case letters, digits, _ or . starting with a letter, e.g. "
                    + "webinar_attended.");
        }
        if (!form.channel().isBlank() && Channel.fromCode(form.channel()) == null) {
            errors.put("channel", "Choose one of the listed channels.");
        }
        path(errors, "email", form.email());
        path(errors, "phone", form.phone());
        path(errors, "externalId", form.externalId());
        path(errors, "country", form.country());
        path(errors, "occurredAt", form.occurredAt());
        if (form.email().isBlank() && form.phone().isBlank() && form.externalId().isBlank()) {
            errors.putIfAbsent("email", "Map at least one of email, phone or external id, so Baton can find the "
                    + "person.");
        }
        Map<String, String> properties = properties(form.properties(), errors);
        if (errors.isEmpty()) {
            try {
                InboundWebhooks.Registered r = webhooks.register(new InboundWebhooks.WebhookDraft(name,
                        form.activityType().strip(), form.channel().isBlank() ? null : form.channel(),
                        new Mapping(blankToNull(form.email()), blankToNull(form.phone()),
                                blankToNull(form.externalId()), blankToNull(form.occurredAt()),
                                blankToNull(form.country()), properties)));
                String id = Ids.format(r.webhook().id());
                flash.addFlashAttribute("shown", new ShownSecret(id, r.secret(), false));
                return "redirect:/capture/webhooks/" + id;
            } catch (ConflictException e) {
                errors.put("name", "A webhook named \"" + name + "\" already exists.");
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        fill(model);
        return "capture/webhooks";
    }

    @GetMapping("/capture/webhooks/{id}")
    String show(@PathVariable String id, Model model) {
        Webhook hook = find(id);
        Object shown = model.getAttribute("shown");
        if (shown instanceof ShownSecret s && !s.webhookId().equals(id)) {
            model.addAttribute("shown", null);
        }
        String endpoint = base() + "/hooks/" + id;
        model.addAttribute("hook", hook);
        model.addAttribute("hookId", id);
        model.addAttribute("endpoint", endpoint);
        model.addAttribute("mappingRows", mappingRows(hook.mapping()));
        model.addAttribute("sample", sample(hook.mapping()));
        model.addAttribute("curl", curl(endpoint, sample(hook.mapping())));
        model.addAttribute("deliveries", webhooks.recentDeliveries(hook.id(), 50));
        return "capture/webhook";
    }

    @PostMapping("/capture/webhooks/{id}/rotate")
    String rotate(@PathVariable String id, RedirectAttributes flash) {
        Webhook hook = find(id);
        flash.addFlashAttribute("shown", new ShownSecret(id, webhooks.rotateSecret(hook.id()), true));
        return "redirect:/capture/webhooks/" + id;
    }

    @PostMapping("/capture/webhooks/{id}/delete")
    String delete(@PathVariable String id, RedirectAttributes flash) {
        Webhook hook = find(id);
        webhooks.delete(hook.id());
        flash.addFlashAttribute("notice", "Webhook \"" + hook.name() + "\" was deleted; calls to it now get 404.");
        return "redirect:/capture/webhooks";
    }

    private void fill(Model model) {
        List<Webhook> all = webhooks.list();
        model.addAttribute("webhooks", all);
        Map<Long, InboundWebhooks.Delivery> last = new LinkedHashMap<>();
        for (Webhook w : all) {
            webhooks.recentDeliveries(w.id(), 1).stream().findFirst().ifPresent(d -> last.put(w.id(), d));
        }
        model.addAttribute("lastDelivery", last);
        model.addAttribute("channels", Channel.values());
    }

    /** "Attribute ← path" rows in a fixed order, properties last. */
    static List<Map.Entry<String, String>> mappingRows(Mapping m) {
        Map<String, String> rows = new LinkedHashMap<>();
        put(rows, "email", m.email());
        put(rows, "phone", m.phone());
        put(rows, "external id", m.externalId());
        put(rows, "country (phone region)", m.country());
        put(rows, "occurred at", m.occurredAt());
        new TreeMap<>(m.properties()).forEach((k, v) -> rows.put("property " + k, v));
        return List.copyOf(rows.entrySet());
    }

    /** An example item that the mapping reads: each mapped path gets a plausible value. */
    static String sample(Mapping m) {
        ObjectNode root = JSON.createObjectNode();
        set(root, m.email(), "ada@example.com");
        set(root, m.phone(), "+1 617 555 0123");
        set(root, m.externalId(), "crm-1001");
        set(root, m.country(), "US");
        set(root, m.occurredAt(), "2026-11-20T15:00:00Z");
        new TreeMap<>(m.properties()).forEach((k, v) -> set(root, v, "…"));
        return JSON.writeValueAsString(root);
    }

    static String curl(String endpoint, String body) {
        return "SECRET='whsec_…'   # shown once when the webhook was registered or rotated\n"
                + "BODY='" + body.replace("'", "'\\''") + "'\n"
                + "TS=$(date +%s)\n"
                + "SIG=$(printf '%s.%s' \"$TS\" \"$BODY\" | openssl dgst -sha256 -hmac \"$SECRET\" | sed 's/^.* //')\n"
                + "curl -sS -X POST '" + endpoint + "' \\\n"
                + "  -H 'Content-Type: application/json' \\\n"
                + "  -H \"" + InboundWebhooks.TIMESTAMP_HEADER + ": $TS\" \\\n"
                + "  -H \"" + InboundWebhooks.DELIVERY_ID_HEADER + ": $(cat /proc/sys/kernel/random/uuid)\" \\\n"
                + "  -H \"" + InboundWebhooks.SIGNATURE_HEADER + ": sha256=$SIG\" \\\n"
                + "  --data-binary \"$BODY\"";
    }

    /** Writes {@code value} at a mapping path, creating objects and arrays on the way. */
    private static void set(ObjectNode root, String path, String value) {
        if (path == null || path.isBlank()) {
            return;
        }
        JsonNode node = root;
        Matcher m = SEGMENT.matcher(path.startsWith("$") ? path.substring(1) : path);
        List<Object> steps = new java.util.ArrayList<>();
        while (m.find()) {
            steps.add(m.group(1) != null ? m.group(1) : Integer.valueOf(Math.min(Integer.parseInt(m.group(2)), 3)));
        }
        for (int i = 0; i < steps.size(); i++) {
            Object step = steps.get(i);
            boolean last = i == steps.size() - 1;
            Object nextStep = last ? null : steps.get(i + 1);
            if (node instanceof ObjectNode o && step instanceof String key) {
                if (last) {
                    o.put(key, value);
                    return;
                }
                JsonNode child = o.get(key);
                if (child == null || !child.isContainer()) {
                    child = nextStep instanceof Integer ? o.putArray(key) : o.putObject(key);
                }
                node = child;
            } else if (node instanceof ArrayNode a && step instanceof Integer index) {
                while (a.size() <= index) {
                    a.addNull();
                }
                if (last) {
                    a.set(index, JSON.getNodeFactory().stringNode(value));
                    return;
                }
                JsonNode child = a.get(index);
                if (child == null || !child.isContainer()) {
                    child = nextStep instanceof Integer ? JSON.createArrayNode() : JSON.createObjectNode();
                    a.set(index, child);
                }
                node = child;
            } else {
                return;
            }
        }
    }

    private static Map<String, String> properties(String text, Map<String, String> errors) {
        Map<String, String> out = new LinkedHashMap<>();
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            int eq = line.indexOf('=');
            String name = eq < 0 ? "" : line.substring(0, eq).strip();
            String path = eq < 0 ? "" : line.substring(eq + 1).strip();
            if (eq < 0 || !PROPERTY_NAME.matcher(name).matches()) {
                errors.putIfAbsent("properties", "Line " + (i + 1) + ": write name = path, e.g. minutes = "
                        + "$.duration; names are letters, digits or _.");
                continue;
            }
            String problem = InboundWebhooks.checkPath(path);
            if (problem != null) {
                errors.putIfAbsent("properties", "Line " + (i + 1) + ": the path " + problem + ".");
                continue;
            }
            out.put(name, path);
        }
        if (out.size() > MAX_PROPERTIES) {
            errors.putIfAbsent("properties", "At most " + MAX_PROPERTIES + " properties.");
        }
        return out;
    }

    private static void path(Map<String, String> errors, String field, String path) {
        if (!path.isBlank()) {
            String problem = InboundWebhooks.checkPath(path.strip());
            if (problem != null) {
                errors.put(field, "The path " + problem + ".");
            }
        }
    }

    private static void put(Map<String, String> rows, String label, String path) {
        if (path != null) {
            rows.put(label, path);
        }
    }

    private Webhook find(String id) {
        if (!Ids.isValid(id)) {
            throw new NotFoundException("webhook", id);
        }
        return webhooks.find(Ids.parse(id)).orElseThrow(() -> new NotFoundException("webhook", id));
    }

    /** BATON_PUBLIC_URL when set (what the calling tool can reach), else the address of this request. */
    private String base() {
        String configured = props.publicUrl();
        if (configured != null && !configured.isBlank()) {
            return configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
        }
        return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
    }

    private static String v(Map<String, String> p, String key) {
        String s = p.get(key);
        return s == null ? "" : s;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}

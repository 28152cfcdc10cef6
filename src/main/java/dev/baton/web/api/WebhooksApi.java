package dev.baton.web.api;

import dev.baton.capture.InboundWebhooks;
import dev.baton.platform.Channel;
import dev.baton.platform.Ids;
import dev.baton.platform.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/webhooks", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Inbound webhooks", description = "Signed JSON calls from chat, webinar and SMS tools, mapped to "
        + "activities. Callers send Baton-Timestamp: <unix seconds> and sign \"<timestamp>.<raw body>\": "
        + "X-Baton-Signature: sha256=<hex HMAC-SHA256 with the secret>; an optional Baton-Delivery-Id makes "
        + "retries safe.")
class WebhooksApi {

    static final int MAX_PROPERTIES = 50;

    private final InboundWebhooks webhooks;

    WebhooksApi(InboundWebhooks webhooks) {
        this.webhooks = webhooks;
    }

    /** JSON paths into each delivered item, e.g. $.visitor.email. */
    public record MappingRequest(
            @Size(max = 200) String email,
            @Size(max = 200) String phone,
            @Size(max = 200) String externalId,
            @Size(max = 200) String occurredAt,
            @Size(max = 200) String country,
            Map<String, String> properties) {
    }

    public record WebhookRequest(
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Pattern(regexp = "[a-z][a-z0-9_.]{0,63}",
                    message = "must be lower-case letters, digits, _ or . (e.g. chat_transcript)") String activityType,
            String channel,
            @NotNull @Valid MappingRequest mapping) {

        InboundWebhooks.WebhookDraft draft() {
            Checks checks = new Checks();
            if (channel != null && Channel.fromCode(channel) == null) {
                checks.add("channel", "must be one of " + java.util.Arrays.stream(Channel.values()).map(Channel::code)
                        .toList());
            }
            MappingRequest m = mapping;
            if (m.email() == null && m.phone() == null && m.externalId() == null) {
                checks.add("mapping", "needs at least one of email, phone, externalId to find the person");
            }
            path(checks, "mapping.email", m.email());
            path(checks, "mapping.phone", m.phone());
            path(checks, "mapping.externalId", m.externalId());
            path(checks, "mapping.occurredAt", m.occurredAt());
            path(checks, "mapping.country", m.country());
            Map<String, String> props = m.properties() == null ? Map.of() : m.properties();
            if (props.size() > MAX_PROPERTIES) {
                checks.add("mapping.properties", "must have at most " + MAX_PROPERTIES + " entries");
            }
            for (var e : new TreeMap<>(props).entrySet()) {
                if (!e.getKey().matches("[A-Za-z][A-Za-z0-9_]{0,63}")) {
                    checks.add("mapping.properties." + e.getKey(), "name must be letters, digits or _");
                }
                String problem = InboundWebhooks.checkPath(e.getValue());
                if (problem != null) {
                    checks.add("mapping.properties." + e.getKey(), problem);
                }
            }
            checks.throwIfAny();
            return new InboundWebhooks.WebhookDraft(name.trim(), activityType, channel,
                    new InboundWebhooks.Mapping(m.email(), m.phone(), m.externalId(), m.occurredAt(),
                            m.country(), props));
        }

        private static void path(Checks checks, String field, String path) {
            if (path != null) {
                String problem = InboundWebhooks.checkPath(path);
                if (problem != null) {
                    checks.add(field, problem);
                }
            }
        }
    }

    public record WebhookView(String id, String name, String activityType, String channel,
            InboundWebhooks.Mapping mapping, String receiveUrl, Instant createdAt, Instant updatedAt) {

        static WebhookView of(InboundWebhooks.Webhook w) {
            return new WebhookView(Ids.format(w.id()), w.name(), w.activityType(), w.channel(), w.mapping(),
                    "/hooks/" + Ids.format(w.id()), w.createdAt(), w.updatedAt());
        }
    }

    /** The secret appears in this response only; Baton never shows it again. */
    public record RegisteredView(WebhookView webhook, String secret) {
    }

    public record WebhookList(List<WebhookView> webhooks) {
    }

    public record SecretView(String secret) {
    }

    public record DeliveryView(String id, String deliveryId, Instant receivedAt, String outcome, int httpStatus,
            int received, int appended, int contactsCreated, String error) {

        static DeliveryView of(InboundWebhooks.Delivery d) {
            return new DeliveryView(Ids.format(d.id()), d.deliveryId(), d.receivedAt(), d.outcome().code(),
                    d.httpStatus(), d.received(), d.appended(), d.contactsCreated(), d.error());
        }
    }

    public record DeliveryList(List<DeliveryView> deliveries) {
    }

    @GetMapping
    @Operation(summary = "List inbound webhooks")
    WebhookList list() {
        return new WebhookList(webhooks.list().stream().map(WebhookView::of).toList());
    }

    @GetMapping("/{id}")
    WebhookView get(@PathVariable String id) {
        return WebhookView.of(find(id));
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Register a webhook", description = "Answers the signing secret once.")
    ResponseEntity<RegisteredView> create(@Valid @RequestBody WebhookRequest body) {
        InboundWebhooks.Registered r = webhooks.register(body.draft());
        WebhookView view = WebhookView.of(r.webhook());
        return ResponseEntity.created(URI.create("/api/v1/webhooks/" + view.id()))
                .body(new RegisteredView(view, r.secret()));
    }

    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Replace name, activity type, channel and mapping; the secret stays")
    WebhookView update(@PathVariable String id, @Valid @RequestBody WebhookRequest body) {
        long webhookId = find(id).id();
        return WebhookView.of(webhooks.update(webhookId, body.draft()));
    }

    @PostMapping("/{id}/secret")
    @Operation(summary = "Rotate the signing secret", description = "Answers the new secret once; calls signed "
            + "with the old one are refused from now on.")
    SecretView rotate(@PathVariable String id) {
        return new SecretView(webhooks.rotateSecret(find(id).id()));
    }

    @GetMapping("/{id}/deliveries")
    @Operation(summary = "Recent deliveries, newest first", description = "Outcome applied, duplicate (a repeated "
            + "delivery id or replayed call, acknowledged and not applied), rejected (400) or unauthorized (401).")
    DeliveryList deliveries(@PathVariable String id) {
        return new DeliveryList(webhooks.recentDeliveries(find(id).id(), 100).stream().map(DeliveryView::of)
                .toList());
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String id) {
        webhooks.delete(find(id).id());
    }

    private InboundWebhooks.Webhook find(String id) {
        long webhookId = Checks.pathId("webhook", id);
        return webhooks.find(webhookId).orElseThrow(() -> new NotFoundException("webhook", id));
    }
}

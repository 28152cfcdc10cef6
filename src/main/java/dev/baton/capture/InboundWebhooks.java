package dev.baton.capture;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Inbound webhooks: live-chat transcripts, webinar attendance, SMS replies and the like. Each call carries
 * {@code Baton-Timestamp: <unix seconds>} and is signed with the webhook's secret over the timestamp and the
 * raw body ({@code X-Baton-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">}); an optional
 * {@code Baton-Delivery-Id} names the delivery so that a retry is acknowledged but not applied twice. Each
 * JSON item becomes one activity on the person its mapping identifies. See
 * docs/decisions/0006-inbound-webhook-secrets.md.
 */
public interface InboundWebhooks {

    String SIGNATURE_HEADER = "X-Baton-Signature";
    String TIMESTAMP_HEADER = "Baton-Timestamp";
    String DELIVERY_ID_HEADER = "Baton-Delivery-Id";
    /** How far a call's timestamp may be from Baton's clock; also how long applied delivery keys are kept. */
    java.time.Duration TOLERANCE = java.time.Duration.ofMinutes(5);
    /** How long the recent-deliveries list keeps a delivery. */
    java.time.Duration DELIVERY_RETENTION = java.time.Duration.ofDays(7);
    int MAX_DELIVERY_ID_LENGTH = 200;
    int MAX_ITEMS = 1000;

    java.util.regex.Pattern PATH = java.util.regex.Pattern.compile("^\\$?(\\.?[A-Za-z0-9_-]+|\\[\\d{1,6}\\])+$");
    java.util.regex.Pattern ACTIVITY_TYPE = java.util.regex.Pattern.compile("^[a-z][a-z0-9_.]{0,63}$");

    /** Null when {@code path} is a JSON path this mapping understands, else the rule it breaks. */
    static String checkPath(String path) {
        if (path == null || path.isBlank()) {
            return "is required";
        }
        return path.length() <= 200 && PATH.matcher(path).matches() ? null
                : "must be a JSON path such as $.visitor.email or items[0].id";
    }

    List<Webhook> list();

    Optional<Webhook> find(long id);

    /**
     * Registers a webhook with a fresh secret; the secret is returned here only.
     *
     * @throws dev.baton.platform.ConflictException when the name is taken
     */
    Registered register(WebhookDraft draft);

    Webhook update(long id, WebhookDraft draft);

    void delete(long id);

    /**
     * Replaces the webhook's secret with a fresh one, returned here only; calls signed with the old one fail.
     *
     * @throws dev.baton.platform.NotFoundException for an unknown webhook
     */
    String rotateSecret(long id);

    /**
     * Verifies, maps and appends one delivery: all items or none, and at most once per delivery key (the
     * call's delivery id, else its signature). Every outcome but an unknown webhook is recorded for
     * {@link #recentDeliveries}.
     *
     * @throws dev.baton.platform.NotFoundException for an unknown webhook
     * @throws SignatureMismatch when the signature or timestamp is missing, wrong or stale (nothing appended)
     * @throws DeliveryRejected when the body is not JSON or an item cannot be mapped (nothing appended)
     */
    Delivered deliver(long webhookId, Call call);

    /** The webhook's deliveries, newest first (kept for {@link #DELIVERY_RETENTION}). */
    List<Delivery> recentDeliveries(long webhookId, int limit);

    /**
     * One HTTP call as received.
     *
     * @param timestamp  the {@code Baton-Timestamp} header (unix seconds), or null
     * @param deliveryId the {@code Baton-Delivery-Id} header, or null
     */
    record Call(byte[] body, String signature, String timestamp, String deliveryId) {
    }

    /**
     * Where each attribute is found in an item: JSON paths such as {@code $.visitor.email} or
     * {@code attendees[0].mail} ({@code $.} optional). At least one of email, phone, externalId is required.
     *
     * @param occurredAt ISO-8601 instant or epoch seconds/milliseconds; the receipt time when absent
     * @param country    an ISO country code (e.g. "DE"): the region of phone numbers written without "+";
     *                   the configured default region when absent
     * @param properties activity property name to JSON path: what to keep of the item
     */
    record Mapping(String email, String phone, String externalId, String occurredAt, String country,
            Map<String, String> properties) {

        public Mapping {
            properties = properties == null ? Map.of() : Map.copyOf(properties);
        }
    }

    /** @param channel a {@link dev.baton.platform.Channel} code, or null */
    record WebhookDraft(String name, String activityType, String channel, Mapping mapping) {
    }

    record Webhook(long id, String name, String activityType, String channel, Mapping mapping, Instant createdAt,
            Instant updatedAt) {
    }

    record Registered(Webhook webhook, String secret) {
    }

    /** @param duplicate true when this delivery key was applied before: acknowledged, nothing appended */
    record Delivered(int received, int appended, int contactsCreated, List<Long> activityIds, boolean duplicate) {
    }

    /** What happened to a call. */
    enum Outcome {
        APPLIED, DUPLICATE, REJECTED, UNAUTHORIZED;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A recorded call: {@code error} says why a rejected or unauthorised call was refused. */
    record Delivery(long id, long webhookId, String deliveryId, Instant receivedAt, Outcome outcome, int httpStatus,
            int received, int appended, int contactsCreated, String error) {
    }

    /** @param index the item's position in the delivery (0 for a single object), or -1 for the whole body */
    record ItemError(int index, String field, String message) {
    }

    class SignatureMismatch extends RuntimeException {
        public SignatureMismatch(String message) {
            super(message);
        }
    }

    class DeliveryRejected extends RuntimeException {
        private final List<ItemError> errors;

        public DeliveryRejected(List<ItemError> errors) {
            super(errors.isEmpty() ? "delivery rejected" : errors.get(0).field() + ": " + errors.get(0).message());
            this.errors = List.copyOf(errors);
        }

        public List<ItemError> errors() {
            return errors;
        }
    }
}

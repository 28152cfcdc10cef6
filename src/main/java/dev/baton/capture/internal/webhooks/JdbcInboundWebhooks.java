package dev.baton.capture.internal.webhooks;

import com.sanctionco.jmail.JMail;
import dev.baton.capture.InboundWebhooks;
import dev.baton.capture.PhoneNumbers;
import dev.baton.people.ContactDirectory;
import dev.baton.people.ContactDraft;
import dev.baton.people.IdentityKind;
import dev.baton.platform.ActivityLog;
import dev.baton.platform.BatonProperties;
import dev.baton.platform.Channel;
import dev.baton.platform.ConflictException;
import dev.baton.platform.Ids;
import dev.baton.platform.NewActivity;
import dev.baton.platform.NotFoundException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

@Service
class JdbcInboundWebhooks implements InboundWebhooks {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern SEGMENT = Pattern.compile("\\.?([A-Za-z0-9_-]+)|\\[(\\d+)\\]");
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final String COLUMNS = "id, name, activity_type, channel, mapping, created_at, updated_at";

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ContactDirectory contacts;
    private final ActivityLog log;
    private final Clock clock;
    private final String defaultPhoneRegion;
    private final SecureRandom random = new SecureRandom();

    JdbcInboundWebhooks(JdbcClient jdbc, TransactionTemplate tx, ContactDirectory contacts, ActivityLog log,
            Clock clock, BatonProperties props) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.contacts = contacts;
        this.log = log;
        this.clock = clock;
        String configured = props.capture().defaultPhoneRegion();
        this.defaultPhoneRegion = PhoneNumbers.region(configured);
        if (configured != null && !configured.isBlank() && defaultPhoneRegion == null) {
            throw new IllegalStateException("baton.capture.default-phone-region '" + configured
                    + "' is not a two-letter country code (e.g. US, DE)");
        }
    }

    @Override
    public List<Webhook> list() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM inbound_webhook ORDER BY name").query(this::row).list();
    }

    @Override
    public Optional<Webhook> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM inbound_webhook WHERE id = ?").param(id).query(this::row)
                .optional();
    }

    @Override
    public Registered register(WebhookDraft draft) {
        check(draft);
        long id = Ids.next();
        long now = clock.millis();
        String secret = secret();
        try {
            jdbc.sql("INSERT INTO inbound_webhook (id, name, activity_type, channel, mapping, secret, created_at, "
                            + "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(id, draft.name().trim(), draft.activityType(), draft.channel(),
                            JSON.writeValueAsString(draft.mapping()), secret, now, now).update();
        } catch (DuplicateKeyException e) {
            throw nameTaken(draft.name());
        }
        return new Registered(find(id).orElseThrow(), secret);
    }

    @Override
    public Webhook update(long id, WebhookDraft draft) {
        check(draft);
        int n;
        try {
            n = jdbc.sql("UPDATE inbound_webhook SET name = ?, activity_type = ?, channel = ?, mapping = ?, "
                            + "updated_at = ? WHERE id = ?")
                    .params(draft.name().trim(), draft.activityType(), draft.channel(),
                            JSON.writeValueAsString(draft.mapping()), clock.millis(), id).update();
        } catch (DuplicateKeyException e) {
            throw nameTaken(draft.name());
        }
        if (n == 0) {
            throw new NotFoundException("webhook", Ids.format(id));
        }
        return find(id).orElseThrow();
    }

    @Override
    public void delete(long id) {
        jdbc.sql("DELETE FROM webhook_delivery WHERE webhook_id = ?").param(id).update();
        if (jdbc.sql("DELETE FROM inbound_webhook WHERE id = ?").param(id).update() == 0) {
            throw new NotFoundException("webhook", Ids.format(id));
        }
    }

    @Override
    public String rotateSecret(long id) {
        String secret = secret();
        if (jdbc.sql("UPDATE inbound_webhook SET secret = ?, updated_at = ? WHERE id = ?")
                .params(secret, clock.millis(), id).update() == 0) {
            throw new NotFoundException("webhook", Ids.format(id));
        }
        return secret;
    }

    @Override
    public Delivered deliver(long webhookId, Call call) {
        Webhook hook = find(webhookId).orElseThrow(() -> new NotFoundException("webhook", Ids.format(webhookId)));
        String secret = jdbc.sql("SELECT secret FROM inbound_webhook WHERE id = ?").param(webhookId)
                .query(String.class).single();
        Instant now = clock.instant();
        byte[] body = call.body() == null ? new byte[0] : call.body();
        String deliveryId = call.deliveryId() == null || call.deliveryId().isBlank() ? null : call.deliveryId().trim();
        jdbc.sql("DELETE FROM webhook_delivery WHERE webhook_id = ? AND received_at < ?")
                .params(webhookId, now.minus(DELIVERY_RETENTION).toEpochMilli()).update();
        String signatureHex;
        try {
            signatureHex = verify(secret, body, call.signature(), call.timestamp(), now);
        } catch (SignatureMismatch e) {
            record(webhookId, null, clip(deliveryId), now, Outcome.UNAUTHORIZED, 401, 0, 0, 0, e.getMessage());
            throw e;
        }
        try {
            if (deliveryId != null && (deliveryId.length() > MAX_DELIVERY_ID_LENGTH
                    || deliveryId.chars().anyMatch(c -> c < 0x20 || c > 0x7e))) {
                throw new DeliveryRejected(List.of(new ItemError(-1, DELIVERY_ID_HEADER, "must be at most "
                        + MAX_DELIVERY_ID_LENGTH + " printable ASCII characters")));
            }
            // the caller's delivery id names a retry; without one, an exact replay repeats the signature
            String key = deliveryId != null ? "id:" + deliveryId : "sig:" + signatureHex;
            if (applied(webhookId, key)) {
                return duplicate(webhookId, deliveryId, now);
            }
            List<Mapped> mapped = map(hook, body, now);
            try {
                return tx.execute(s -> {
                    Delivered d = append(hook, mapped);
                    record(webhookId, key, deliveryId, now, Outcome.APPLIED, 202, d.received(), d.appended(),
                            d.contactsCreated(), null);
                    return d;
                });
            } catch (DuplicateKeyException e) {
                // another node applied the same key first; this transaction's activities rolled back
                return duplicate(webhookId, deliveryId, now);
            }
        } catch (DeliveryRejected e) {
            record(webhookId, null, clip(deliveryId), now, Outcome.REJECTED, 400, 0, 0, 0, summary(e.errors()));
            throw e;
        }
    }

    @Override
    public List<Delivery> recentDeliveries(long webhookId, int limit) {
        return jdbc.sql("SELECT id, webhook_id, delivery_id, received_at, outcome, http_status, items_received, "
                        + "items_appended, contacts_created, error FROM webhook_delivery WHERE webhook_id = ? "
                        + "ORDER BY received_at DESC, id DESC LIMIT ?")
                .params(webhookId, Math.max(1, Math.min(limit, 500)))
                .query((rs, n) -> new Delivery(rs.getLong("id"), rs.getLong("webhook_id"), rs.getString("delivery_id"),
                        Instant.ofEpochMilli(rs.getLong("received_at")),
                        Outcome.valueOf(rs.getString("outcome").toUpperCase(Locale.ROOT)), rs.getInt("http_status"),
                        rs.getInt("items_received"), rs.getInt("items_appended"), rs.getInt("contacts_created"),
                        rs.getString("error")))
                .list();
    }

    private boolean applied(long webhookId, String key) {
        return jdbc.sql("SELECT COUNT(*) FROM webhook_delivery WHERE webhook_id = ? AND dedupe_key = ?")
                .params(webhookId, key).query(Long.class).single() > 0;
    }

    private Delivered duplicate(long webhookId, String deliveryId, Instant now) {
        record(webhookId, null, deliveryId, now, Outcome.DUPLICATE, 200, 0, 0, 0, null);
        return new Delivered(0, 0, 0, List.of(), true);
    }

    private void record(long webhookId, String key, String deliveryId, Instant at, Outcome outcome, int status,
            int received, int appended, int created, String error) {
        jdbc.sql("INSERT INTO webhook_delivery (id, webhook_id, dedupe_key, delivery_id, received_at, outcome, "
                        + "http_status, items_received, items_appended, contacts_created, error) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(Ids.next(), webhookId, key, deliveryId, at.toEpochMilli(), outcome.code(), status, received,
                        appended, created, error).update();
    }

    private static String clip(String deliveryId) {
        return deliveryId == null || deliveryId.length() <= MAX_DELIVERY_ID_LENGTH ? deliveryId
                : deliveryId.substring(0, MAX_DELIVERY_ID_LENGTH);
    }

    private static String summary(List<ItemError> errors) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < errors.size() && i < 5; i++) {
            sb.append(i == 0 ? "" : "; ").append(errors.get(i).field()).append(' ').append(errors.get(i).message());
        }
        if (errors.size() > 5) {
            sb.append("; and ").append(errors.size() - 5).append(" more");
        }
        return sb.length() > 1000 ? sb.substring(0, 1000) : sb.toString();
    }

    private List<Mapped> map(Webhook hook, byte[] body, Instant now) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new DeliveryRejected(List.of(new ItemError(-1, "body", "is not valid JSON")));
        }
        List<JsonNode> items = new ArrayList<>();
        if (root != null && root.isArray()) {
            root.forEach(items::add);
        } else if (root != null && root.isObject()) {
            items.add(root);
        } else {
            throw new DeliveryRejected(List.of(new ItemError(-1, "body", "must be a JSON object or array of objects")));
        }
        if (items.isEmpty()) {
            throw new DeliveryRejected(List.of(new ItemError(-1, "body", "must hold at least one item")));
        }
        if (items.size() > MAX_ITEMS) {
            throw new DeliveryRejected(List.of(new ItemError(-1, "body",
                    "must hold at most " + MAX_ITEMS + " items (was " + items.size() + ")")));
        }
        List<ItemError> errors = new ArrayList<>();
        List<Mapped> mapped = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            mapped.add(map(hook, i, items.get(i), now, errors));
        }
        if (!errors.isEmpty()) {
            throw new DeliveryRejected(errors);
        }
        return mapped;
    }

    /** One item read through the mapping; identities are already normalised. */
    private record Mapped(int index, String email, String phone, String externalId, Instant occurredAt,
            ObjectNode props, Long contactId) {
    }

    private Mapped map(Webhook hook, int index, JsonNode item, Instant now, List<ItemError> errors) {
        String at = "items[" + index + "]";
        if (!item.isObject()) {
            errors.add(new ItemError(index, at, "must be a JSON object"));
            return null;
        }
        Mapping m = hook.mapping();
        String email = text(item, m.email());
        String phone = text(item, m.phone());
        String externalId = text(item, m.externalId());
        int before = errors.size();
        if (email != null) {
            email = email.trim().toLowerCase(Locale.ROOT);
            if (email.length() > 254 || !JMail.isValid(email)) {
                errors.add(new ItemError(index, at + ".email", "must be a well-formed email address (at "
                        + m.email() + ")"));
            }
        }
        if (phone != null) {
            String region = PhoneNumbers.region(text(item, m.country()));
            String e164 = phone.length() > 50 ? null
                    : PhoneNumbers.e164(phone, region != null ? region : defaultPhoneRegion);
            if (e164 == null) {
                errors.add(new ItemError(index, at + ".phone", "must be a phone number, in international form (+...) "
                        + "unless the mapped country or the default phone region says where it is (at " + m.phone()
                        + ")"));
            }
            phone = e164;
        }
        if (externalId != null && externalId.length() > 200) {
            errors.add(new ItemError(index, at + ".externalId", "must be at most 200 characters"));
        }
        Instant occurredAt = now;
        JsonNode when = m.occurredAt() == null ? null : at(item, m.occurredAt());
        if (when != null && !when.isNull()) {
            occurredAt = instant(when);
            if (occurredAt == null) {
                errors.add(new ItemError(index, at + ".occurredAt", "must be an ISO-8601 time or epoch seconds or "
                        + "milliseconds (at " + m.occurredAt() + ")"));
            }
        }
        if (email == null && phone == null && externalId == null) {
            errors.add(new ItemError(index, at, "names no person: none of the mapped email, phone or externalId "
                    + "paths holds a value"));
        }
        if (errors.size() > before) {
            return null;
        }
        Long contactId = resolve(email, externalId, phone);
        if (contactId == null && email == null) {
            errors.add(new ItemError(index, at, "matches no contact, and there is no email to create one"));
            return null;
        }
        ObjectNode props = JSON.createObjectNode();
        props.put("webhook", hook.name());
        props.put("webhookId", Ids.format(hook.id()));
        for (var e : new TreeMap<>(m.properties()).entrySet()) {
            JsonNode v = at(item, e.getValue());
            if (v != null && !v.isMissingNode()) {
                props.set(e.getKey(), v);
            }
        }
        return new Mapped(index, email, phone, externalId, occurredAt, props, contactId);
    }

    private Long resolve(String email, String externalId, String phone) {
        if (email != null) {
            Optional<Long> id = contacts.resolve(IdentityKind.EMAIL, email);
            if (id.isPresent()) {
                return id.get();
            }
        }
        if (externalId != null) {
            Optional<Long> id = contacts.resolve(IdentityKind.EXTERNAL_ID, externalId.trim());
            if (id.isPresent()) {
                return id.get();
            }
        }
        if (phone != null) {
            return contacts.resolve(IdentityKind.PHONE, phone).orElse(null);
        }
        return null;
    }

    private Delivered append(Webhook hook, List<Mapped> items) {
        Map<String, Long> createdByEmail = new HashMap<>();
        List<NewActivity> activities = new ArrayList<>(items.size());
        for (Mapped item : items) {
            Long contactId = item.contactId();
            if (contactId == null) {
                contactId = createdByEmail.get(item.email());
                if (contactId == null) {
                    contactId = contacts.create(new ContactDraft(item.email(), null, null, null, item.phone(), null,
                            null, null, null, null, null, "webhook: " + hook.name(), null)).id();
                    createdByEmail.put(item.email(), contactId);
                    List<ContactDirectory.IdentityLink> links = new ArrayList<>();
                    if (item.externalId() != null
                            && contacts.resolve(IdentityKind.EXTERNAL_ID, item.externalId().trim()).isEmpty()) {
                        links.add(new ContactDirectory.IdentityLink(contactId, IdentityKind.EXTERNAL_ID,
                                item.externalId().trim()));
                    }
                    if (item.phone() != null && contacts.resolve(IdentityKind.PHONE, item.phone()).isEmpty()) {
                        links.add(new ContactDirectory.IdentityLink(contactId, IdentityKind.PHONE, item.phone()));
                    }
                    if (!links.isEmpty()) {
                        contacts.link(links);
                    }
                }
            }
            activities.add(new NewActivity(item.occurredAt(), hook.activityType(), contactId, null, null,
                    hook.channel(), null, JSON.writeValueAsString(item.props())));
        }
        List<Long> ids = log.append(activities);
        return new Delivered(items.size(), ids.size(), createdByEmail.size(), ids, false);
    }

    /**
     * Checks the signature over {@code "<timestamp>.<body>"} and that the timestamp is within {@link #TOLERANCE}
     * of now; returns the signature's hex.
     */
    static String verify(String secret, byte[] body, String header, String timestamp, Instant now) {
        if (header == null || header.isBlank()) {
            throw new SignatureMismatch("The " + SIGNATURE_HEADER + " header is missing.");
        }
        String given = header.trim();
        if (!given.regionMatches(true, 0, "sha256=", 0, 7)) {
            throw new SignatureMismatch("The " + SIGNATURE_HEADER + " header must be sha256=<hex HMAC>.");
        }
        if (timestamp == null || timestamp.isBlank()) {
            throw new SignatureMismatch("The " + TIMESTAMP_HEADER + " header is missing: send the unix time in "
                    + "seconds and sign \"<timestamp>.<body>\".");
        }
        String ts = timestamp.trim();
        if (!ts.matches("\\d{1,12}")) {
            throw new SignatureMismatch("The " + TIMESTAMP_HEADER + " header must be the unix time in seconds.");
        }
        byte[] expected = HexFormat.of().formatHex(hmac(secret, signedPayload(ts, body)))
                .getBytes(StandardCharsets.US_ASCII);
        String actualHex = given.substring(7).toLowerCase(Locale.ROOT);
        if (!MessageDigest.isEqual(expected, actualHex.getBytes(StandardCharsets.US_ASCII))) {
            throw new SignatureMismatch("The signature does not match \"<" + TIMESTAMP_HEADER + ">.<body>\".");
        }
        long skew = Math.abs(now.getEpochSecond() - Long.parseLong(ts));
        if (skew > TOLERANCE.toSeconds()) {
            throw new SignatureMismatch("The " + TIMESTAMP_HEADER + " is " + skew + " s away from Baton's clock; "
                    + "at most " + TOLERANCE.toSeconds() + " s is accepted (replayed or delayed call).");
        }
        return actualHex;
    }

    static byte[] signedPayload(String timestamp, byte[] body) {
        byte[] prefix = (timestamp + ".").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(body, 0, out, prefix.length, body.length);
        return out;
    }

    static byte[] hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The node at a path, or null when the path leads nowhere. */
    static JsonNode at(JsonNode root, String path) {
        if (path == null) {
            return null;
        }
        JsonNode node = root;
        Matcher m = SEGMENT.matcher(path.startsWith("$") ? path.substring(1) : path);
        while (m.find()) {
            if (node == null) {
                return null;
            }
            node = m.group(1) != null ? node.get(m.group(1)) : node.get(Integer.parseInt(m.group(2)));
        }
        return node;
    }

    private static String text(JsonNode item, String path) {
        JsonNode node = at(item, path);
        if (node == null || node.isNull() || node.isMissingNode() || node.isContainer()) {
            return null;
        }
        String s = node.isString() ? node.asString() : node.toString();
        return s.isBlank() ? null : s;
    }

    private static Instant instant(JsonNode node) {
        if (node.isIntegralNumber()) {
            long v = node.asLong();
            // below 1e11 a number reads as seconds (year 5138), above as milliseconds
            return Math.abs(v) < 100_000_000_000L ? Instant.ofEpochSecond(v) : Instant.ofEpochMilli(v);
        }
        if (node.isString()) {
            try {
                return OffsetDateTime.parse(node.asString().trim()).toInstant();
            } catch (DateTimeException e) {
                return null;
            }
        }
        return null;
    }

    private static void check(WebhookDraft d) {
        List<String> problems = new ArrayList<>();
        if (d.name() == null || d.name().isBlank() || d.name().length() > 200) {
            problems.add("name must be 1 to 200 characters");
        }
        if (d.activityType() == null || !ACTIVITY_TYPE.matcher(d.activityType()).matches()) {
            problems.add("activityType must be lower-case letters, digits, _ or .");
        }
        if (d.channel() != null && Channel.fromCode(d.channel()) == null) {
            problems.add("channel is not a known channel code");
        }
        Mapping m = d.mapping();
        if (m == null || (m.email() == null && m.phone() == null && m.externalId() == null)) {
            problems.add("mapping needs at least one of email, phone, externalId");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    private static ConflictException nameTaken(String name) {
        return new ConflictException("name", "A webhook named " + name.trim() + " already exists.");
    }

    private String secret() {
        StringBuilder sb = new StringBuilder("whsec_");
        for (int i = 0; i < 32; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    private Webhook row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Webhook(rs.getLong("id"), rs.getString("name"), rs.getString("activity_type"),
                rs.getString("channel"), JSON.readValue(rs.getString("mapping"), Mapping.class),
                Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("updated_at")));
    }
}

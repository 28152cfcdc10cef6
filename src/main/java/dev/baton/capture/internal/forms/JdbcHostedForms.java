package dev.baton.capture.internal.forms;

import com.sanctionco.jmail.JMail;
import dev.baton.capture.CampaignMatcher;
import dev.baton.capture.ChannelDecision;
import dev.baton.capture.ChannelRules;
import dev.baton.capture.HostedForms;
import dev.baton.capture.IdentityResolver;
import dev.baton.capture.Touch;
import dev.baton.governance.ConsentLedger;
import dev.baton.governance.ConsentRecord;
import dev.baton.governance.ConsentStatus;
import dev.baton.management.CampaignManagement;
import dev.baton.people.ContactDeleted;
import dev.baton.people.ContactsMerged;
import dev.baton.people.ContactDraft;
import dev.baton.platform.Activity;
import dev.baton.platform.ActivityLog;
import dev.baton.platform.BatonProperties;
import dev.baton.platform.ConflictException;
import dev.baton.platform.Ids;
import dev.baton.platform.NewActivity;
import dev.baton.platform.NotFoundException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

@Service
class JdbcHostedForms implements HostedForms {

    static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,39}");
    static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]{0,31}");
    static final Pattern PHONE = Pattern.compile("\\+?[0-9 ().\\-/]{6,30}");
    static final int MAX_FIELDS = 50;
    static final int MAX_CONSENTS = 10;
    static final int TEXT_MAX = 255;
    static final int TEXTAREA_MAX = 5000;
    static final int MAX_URL = 2000;
    static final Duration TOKEN_MAX_AGE = Duration.ofHours(24);

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String KEY_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
    private static final String COLUMNS = "id, form_key, name, status, definition, campaign_id, revision, "
            + "published_once, spam_rejections, created_at, updated_at";

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final IdentityResolver identities;
    private final ActivityLog log;
    private final ConsentLedger consent;
    private final ChannelRules channelRules;
    private final CampaignMatcher campaignMatcher;
    private final CampaignManagement campaigns;
    private final CaptureSecrets secrets;
    private final Clock clock;
    private final Duration minFill;
    private final SecureRandom random = new SecureRandom();

    JdbcHostedForms(JdbcClient jdbc, TransactionTemplate tx, IdentityResolver identities, ActivityLog log,
            ConsentLedger consent, ChannelRules channelRules, CampaignMatcher campaignMatcher,
            CampaignManagement campaigns, CaptureSecrets secrets, Clock clock, BatonProperties props) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.identities = identities;
        this.log = log;
        this.consent = consent;
        this.channelRules = channelRules;
        this.campaignMatcher = campaignMatcher;
        this.campaigns = campaigns;
        this.secrets = secrets;
        this.clock = clock;
        this.minFill = Duration.ofSeconds(Math.max(0, props.forms().minFillSeconds()));
    }

    /** The stored JSON document of a form's parts. */
    record Definition(List<Field> fields, List<ConsentBox> consents, String thankYouMessage, String redirectUrl,
            String submitLabel) {
    }

    // ---------------------------------------------------------------- definitions

    @Override
    public List<FormSummary> list() {
        Map<Long, long[]> stats = new HashMap<>();
        jdbc.sql("SELECT form_id, COUNT(*), MAX(submitted_at) FROM form_submission GROUP BY form_id")
                .query(rs -> {
                    stats.put(rs.getLong(1), new long[] {rs.getLong(2), rs.getLong(3)});
                });
        return jdbc.sql("SELECT " + COLUMNS + " FROM hosted_form ORDER BY updated_at DESC, id DESC")
                .query(this::row).list().stream()
                .map(f -> {
                    long[] s = stats.get(f.id());
                    return new FormSummary(f, s == null ? 0 : s[0], s == null ? null : Instant.ofEpochMilli(s[1]));
                }).toList();
    }

    @Override
    public Optional<Form> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM hosted_form WHERE id = ?").param(id).query(this::row).optional();
    }

    @Override
    public Optional<Form> findByKey(String key) {
        if (key == null || key.length() > 40) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM hosted_form WHERE form_key = ?").param(key).query(this::row)
                .optional();
    }

    @Override
    public Form create(FormDraft draft) {
        throwIfAny(check(draft));
        long id = Ids.next();
        long now = clock.millis();
        List<ConsentBox> consents = draft.consents().stream()
                .map(c -> new ConsentBox(c.name(), c.channel(), c.purpose(), c.text().strip(), c.required(), 1))
                .toList();
        Status status = draft.status() == null ? Status.DRAFT : draft.status();
        try {
            jdbc.sql("INSERT INTO hosted_form (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?)")
                    .params(id, newKey(), draft.name().strip(), status.name(), definition(draft, consents),
                            draft.campaignId(), 1, status == Status.PUBLISHED ? 1 : 0, 0, now, now)
                    .update();
        } catch (DuplicateKeyException e) {
            throw nameTaken(draft.name());
        }
        return find(id).orElseThrow();
    }

    @Override
    public Form update(long id, FormDraft draft) {
        throwIfAny(check(draft));
        return tx.execute(s -> {
            Form current = find(id).orElseThrow(() -> new NotFoundException("form", Ids.format(id)));
            boolean publishedOnce = jdbc.sql("SELECT published_once FROM hosted_form WHERE id = ?").param(id)
                    .query(Integer.class).single() == 1;
            Map<String, ConsentBox> before = new HashMap<>();
            current.consents().forEach(c -> before.put(c.name(), c));
            List<ConsentBox> consents = new ArrayList<>();
            for (ConsentBox c : draft.consents()) {
                ConsentBox old = before.get(c.name());
                String text = c.text().strip();
                int version = old == null ? 1
                        : old.text().equals(text) || !publishedOnce ? old.version() : old.version() + 1;
                consents.add(new ConsentBox(c.name(), c.channel(), c.purpose(), text, c.required(), version));
            }
            Status status = draft.status() == null ? current.status() : draft.status();
            try {
                jdbc.sql("UPDATE hosted_form SET name = ?, status = ?, definition = ?, campaign_id = ?, "
                                + "revision = revision + 1, published_once = ?, updated_at = ? WHERE id = ?")
                        .params(draft.name().strip(), status.name(), definition(draft, consents), draft.campaignId(),
                                publishedOnce || status == Status.PUBLISHED ? 1 : 0, clock.millis(), id)
                        .update();
            } catch (DuplicateKeyException e) {
                throw nameTaken(draft.name());
            }
            return find(id).orElseThrow();
        });
    }

    @Override
    public void delete(long id) {
        tx.executeWithoutResult(s -> {
            if (jdbc.sql("DELETE FROM hosted_form WHERE id = ?").param(id).update() == 0) {
                throw new NotFoundException("form", Ids.format(id));
            }
            jdbc.sql("DELETE FROM form_submission WHERE form_id = ?").param(id).update();
        });
    }

    @Override
    public List<Problem> check(FormDraft d) {
        List<Problem> p = new ArrayList<>();
        if (d == null) {
            return List.of(new Problem("form", "is required"));
        }
        if (d.name() == null || d.name().isBlank()) {
            p.add(new Problem("name", "is required"));
        } else if (d.name().strip().length() > 200) {
            p.add(new Problem("name", "must be at most 200 characters"));
        }
        Set<String> names = new HashSet<>();
        Set<Attribute> mapped = EnumSet.noneOf(Attribute.class);
        if (d.fields().isEmpty()) {
            p.add(new Problem("fields", "needs at least one field"));
        } else if (d.fields().size() > MAX_FIELDS) {
            p.add(new Problem("fields", "must have at most " + MAX_FIELDS + " fields"));
        }
        boolean hasEmail = false;
        for (int i = 0; i < d.fields().size(); i++) {
            Field f = d.fields().get(i);
            String at = "fields[" + i + "].";
            if (f == null) {
                p.add(new Problem("fields[" + i + "]", "is required"));
                continue;
            }
            checkName(p, at + "name", f.name(), names);
            if (f.label() == null || f.label().isBlank()) {
                p.add(new Problem(at + "label", "is required"));
            } else if (f.label().length() > 200) {
                p.add(new Problem(at + "label", "must be at most 200 characters"));
            }
            if (f.type() == null) {
                p.add(new Problem(at + "type", "must be one of email, text, phone, select, textarea, hidden"));
                continue;
            }
            if (f.attribute() != null) {
                if (!mapped.add(f.attribute())) {
                    p.add(new Problem(at + "attribute", "maps " + f.attribute().code()
                            + ", which another field already maps"));
                }
                if (f.attribute() == Attribute.EMAIL && f.type() != FieldType.EMAIL) {
                    p.add(new Problem(at + "attribute", "email may only be mapped from a field of type email"));
                }
                if (f.attribute() == Attribute.PHONE && f.type() != FieldType.PHONE && f.type() != FieldType.HIDDEN) {
                    p.add(new Problem(at + "attribute", "phone may only be mapped from a field of type phone"));
                }
            }
            if (f.attribute() == Attribute.EMAIL && f.type() == FieldType.EMAIL && f.required()) {
                hasEmail = true;
            }
            int ceiling = f.type() == FieldType.TEXTAREA ? TEXTAREA_MAX : TEXT_MAX;
            if (f.maxLength() != null && (f.maxLength() < 1 || f.maxLength() > ceiling)) {
                p.add(new Problem(at + "maxLength", "must be between 1 and " + ceiling));
            }
            if (f.pattern() != null && !f.pattern().isEmpty()) {
                if (f.pattern().length() > 200) {
                    p.add(new Problem(at + "pattern", "must be at most 200 characters"));
                } else {
                    try {
                        Pattern.compile(f.pattern());
                    } catch (PatternSyntaxException e) {
                        p.add(new Problem(at + "pattern", "is not a valid regular expression: "
                                + e.getDescription()));
                    }
                }
            }
            if (f.patternMessage() != null && f.patternMessage().length() > 200) {
                p.add(new Problem(at + "patternMessage", "must be at most 200 characters"));
            }
            if (f.type() == FieldType.SELECT) {
                if (f.options().isEmpty() || f.options().size() > 100) {
                    p.add(new Problem(at + "options", "a select needs 1 to 100 options"));
                } else if (f.options().stream().anyMatch(o -> o == null || o.isBlank() || o.length() > 200)) {
                    p.add(new Problem(at + "options", "each option must be 1 to 200 characters"));
                } else if (new HashSet<>(f.options()).size() != f.options().size()) {
                    p.add(new Problem(at + "options", "must not repeat an option"));
                }
            } else if (!f.options().isEmpty()) {
                p.add(new Problem(at + "options", "only a select has options"));
            }
            if (f.defaultValue() != null && f.defaultValue().length() > 1000) {
                p.add(new Problem(at + "defaultValue", "must be at most 1000 characters"));
            }
        }
        if (!d.fields().isEmpty() && !hasEmail) {
            p.add(new Problem("fields", "needs a required field of type email mapped to the email attribute "
                    + "(it identifies the person)"));
        }
        if (d.consents().size() > MAX_CONSENTS) {
            p.add(new Problem("consents", "must have at most " + MAX_CONSENTS + " consent boxes"));
        }
        for (int i = 0; i < d.consents().size(); i++) {
            ConsentBox c = d.consents().get(i);
            String at = "consents[" + i + "].";
            if (c == null) {
                p.add(new Problem("consents[" + i + "]", "is required"));
                continue;
            }
            checkName(p, at + "name", c.name(), names);
            if (c.channel() == null || !CODE.matcher(c.channel()).matches()) {
                p.add(new Problem(at + "channel", "must be a lower-case code such as email or sms"));
            }
            if (c.purpose() == null || !CODE.matcher(c.purpose()).matches()) {
                p.add(new Problem(at + "purpose", "must be a lower-case code such as marketing or newsletter"));
            }
            if (c.text() == null || c.text().isBlank()) {
                p.add(new Problem(at + "text", "is required: the exact words the person agrees to"));
            } else if (c.text().length() > 2000) {
                p.add(new Problem(at + "text", "must be at most 2000 characters"));
            }
        }
        if (d.campaignId() != null && campaigns.find(d.campaignId()).isEmpty()) {
            p.add(new Problem("campaignId", "names no campaign"));
        }
        if (d.redirectUrl() != null && !d.redirectUrl().isBlank() && !isWebUrl(d.redirectUrl())) {
            p.add(new Problem("redirectUrl", "must be an absolute http or https URL"));
        }
        if (d.thankYouMessage() != null && d.thankYouMessage().length() > 2000) {
            p.add(new Problem("thankYouMessage", "must be at most 2000 characters"));
        }
        if (d.submitLabel() != null && d.submitLabel().length() > 60) {
            p.add(new Problem("submitLabel", "must be at most 60 characters"));
        }
        return p;
    }

    private static void checkName(List<Problem> p, String field, String name, Set<String> seen) {
        if (name == null || !NAME.matcher(name).matches()) {
            p.add(new Problem(field, "must be 1 to 40 lower-case letters, digits or _, starting with a letter"));
        } else if (TRACKING_INPUTS.contains(name) || name.equals(HONEYPOT)) {
            p.add(new Problem(field, "'" + name + "' is reserved for Baton's hidden inputs"));
        } else if (!seen.add(name)) {
            p.add(new Problem(field, "'" + name + "' is used by another field or consent box"));
        }
    }

    static boolean isWebUrl(String url) {
        if (url.length() > MAX_URL) {
            return false;
        }
        try {
            URI u = new URI(url.strip());
            return u.getScheme() != null && (u.getScheme().equalsIgnoreCase("http")
                    || u.getScheme().equalsIgnoreCase("https")) && u.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static void throwIfAny(List<Problem> problems) {
        if (!problems.isEmpty()) {
            throw new InvalidForm(problems);
        }
    }

    private static ConflictException nameTaken(String name) {
        return new ConflictException("name", "A form named " + name.strip() + " already exists.");
    }

    private String definition(FormDraft d, List<ConsentBox> consents) {
        List<Field> fields = d.fields().stream()
                .map(f -> new Field(f.name(), f.label().strip(), f.type(), f.attribute(), f.required(), f.maxLength(),
                        blankToNull(f.pattern()), blankToNull(f.patternMessage()), f.options(),
                        blankToNull(f.defaultValue())))
                .toList();
        return JSON.writeValueAsString(new Definition(fields, consents, blankToNull(d.thankYouMessage()),
                blankToNull(d.redirectUrl() == null ? null : d.redirectUrl().strip()), blankToNull(d.submitLabel())));
    }

    private String newKey() {
        StringBuilder sb = new StringBuilder(12);
        for (int i = 0; i < 12; i++) {
            sb.append(KEY_ALPHABET.charAt(random.nextInt(KEY_ALPHABET.length())));
        }
        return sb.toString();
    }

    private Form row(ResultSet rs, int n) throws SQLException {
        Definition d = JSON.readValue(rs.getString("definition"), Definition.class);
        long campaign = rs.getLong("campaign_id");
        Long campaignId = rs.wasNull() ? null : campaign;
        return new Form(rs.getLong("id"), rs.getString("form_key"), rs.getString("name"),
                Status.valueOf(rs.getString("status")), d.fields(), d.consents() == null ? List.of() : d.consents(),
                campaignId, d.thankYouMessage(), d.redirectUrl(), d.submitLabel(),
                rs.getInt("revision"), rs.getLong("spam_rejections"), Instant.ofEpochMilli(rs.getLong("created_at")),
                Instant.ofEpochMilli(rs.getLong("updated_at")));
    }

    // ---------------------------------------------------------------- render tokens

    @Override
    public String renderToken(Form form, Instant renderedAt) {
        String payload = form.revision() + "." + renderedAt.toEpochMilli();
        return payload + "." + sign(form.key() + "." + payload);
    }

    private String sign(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secrets.get(CaptureSecrets.RENDER_TOKEN_KEY).getBytes(StandardCharsets.UTF_8),
                    "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The token's render time, or null when it is missing, malformed or not signed by us for this form. */
    private Instant verify(Form form, String token, int[] revision) {
        if (token == null || token.length() > 200) {
            return null;
        }
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            return null;
        }
        byte[] expected = sign(form.key() + "." + parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, parts[2].getBytes(StandardCharsets.US_ASCII))) {
            return null;
        }
        try {
            revision[0] = Integer.parseInt(parts[0]);
            return Instant.ofEpochMilli(Long.parseLong(parts[1]));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    // ---------------------------------------------------------------- submissions

    @Override
    public Outcome submit(Submission s) {
        Form form = findByKey(s.key()).filter(f -> f.status() == Status.PUBLISHED)
                .orElseThrow(() -> new NotFoundException("form", s.key()));
        Instant now = clock.instant();
        Map<String, String> in = s.values();
        if (in.get(HONEYPOT) != null && !in.get(HONEYPOT).isBlank()) {
            countSpam(form);
            return new Spam(form, "honeypot");
        }
        int[] revision = new int[1];
        Instant renderedAt = verify(form, in.get(TOKEN), revision);
        String fresh = renderToken(form, now);
        if (renderedAt == null) {
            countSpam(form);
            return new Invalid(form, List.of(new Problem("_form",
                    "This form could not be verified. Please check your entries and submit again.")), fresh);
        }
        if (revision[0] != form.revision()) {
            return new Invalid(form, List.of(new Problem("_form",
                    "This form was changed since you opened it. Please check your entries and submit again.")), fresh);
        }
        if (Duration.between(renderedAt, now).compareTo(TOKEN_MAX_AGE) > 0) {
            return new Invalid(form, List.of(new Problem("_form",
                    "This form was open for a long time. Please check your entries and submit again.")), fresh);
        }
        if (Duration.between(renderedAt, now).compareTo(minFill) < 0) {
            countSpam(form);
            return new Invalid(form, List.of(new Problem("_form", "That was quicker than a person can fill in "
                    + "this form. Please check your entries and submit again.")), fresh);
        }
        Map<String, String> values = new LinkedHashMap<>();
        List<Problem> problems = validate(form, in, values);
        if (!problems.isEmpty()) {
            return new Invalid(form, problems, fresh);
        }
        try {
            return tx.execute(t -> store(form, s, values, now));
        } catch (ConflictException e) {
            // another writer linked one of the identities meanwhile; a second try sees theirs
            return tx.execute(t -> store(form, s, values, now));
        }
    }

    private void countSpam(Form form) {
        jdbc.sql("UPDATE hosted_form SET spam_rejections = spam_rejections + 1 WHERE id = ?").param(form.id())
                .update();
    }

    /** Checks every field; {@code out} receives the cleaned values of the definition's fields. */
    static List<Problem> validate(Form form, Map<String, String> in, Map<String, String> out) {
        List<Problem> p = new ArrayList<>();
        for (Field f : form.fields()) {
            String raw = in.get(f.name());
            String v = raw == null ? null : raw.strip();
            if (f.type() == FieldType.HIDDEN && (v == null || v.isEmpty())) {
                v = f.defaultValue();
            }
            if (v == null || v.isEmpty()) {
                if (f.required()) {
                    p.add(new Problem(f.name(), f.label() + " is required."));
                }
                continue;
            }
            int max = f.maxLength() != null ? f.maxLength()
                    : f.type() == FieldType.TEXTAREA ? TEXTAREA_MAX : TEXT_MAX;
            if (v.length() > max) {
                p.add(new Problem(f.name(), f.label() + " must be at most " + max + " characters."));
                continue;
            }
            switch (f.type()) {
                case EMAIL -> {
                    if (v.length() > 254 || !JMail.isValid(v)) {
                        p.add(new Problem(f.name(), "Please enter a valid email address."));
                        continue;
                    }
                }
                case PHONE -> {
                    if (!PHONE.matcher(v).matches() || v.chars().filter(Character::isDigit).count() < 6) {
                        p.add(new Problem(f.name(), "Please enter a phone number (digits, optionally starting "
                                + "with +)."));
                        continue;
                    }
                }
                case SELECT -> {
                    if (!f.options().contains(v)) {
                        p.add(new Problem(f.name(), "Please choose one of the options."));
                        continue;
                    }
                }
                default -> {
                }
            }
            if (f.pattern() != null && !Pattern.compile(f.pattern()).matcher(v).matches()) {
                p.add(new Problem(f.name(), f.patternMessage() != null ? f.patternMessage()
                        : f.label() + " is not in the expected format."));
                continue;
            }
            out.put(f.name(), v);
        }
        for (ConsentBox c : form.consents()) {
            if (c.required() && !ticked(in.get(c.name()))) {
                p.add(new Problem(c.name(), "Please tick this box to continue."));
            }
        }
        return p;
    }

    static boolean ticked(String value) {
        return value != null && !value.isBlank() && !value.equalsIgnoreCase("false") && !value.equals("0");
    }

    private Accepted store(Form form, Submission s, Map<String, String> values, Instant now) {
        Map<String, String> in = s.values();
        String email = null;
        String phone = null;
        String[] attrs = new String[Attribute.values().length];
        for (Field f : form.fields()) {
            if (f.attribute() != null && values.containsKey(f.name())) {
                attrs[f.attribute().ordinal()] = values.get(f.name());
            }
        }
        email = attrs[Attribute.EMAIL.ordinal()];
        phone = attrs[Attribute.PHONE.ordinal()];
        ContactDraft traits = new ContactDraft(null, attrs[Attribute.FIRST_NAME.ordinal()],
                attrs[Attribute.LAST_NAME.ordinal()], attrs[Attribute.TITLE.ordinal()], null,
                attrs[Attribute.COMPANY.ordinal()], attrs[Attribute.COUNTRY.ordinal()],
                attrs[Attribute.CITY.ordinal()], null, null, null, null, null);
        String anonymousId = clip(in.get("anonymous_id"), 255);
        String source = "form:" + form.key();
        IdentityResolver.Resolution r = identities.resolve(List.of(new IdentityResolver.Claim(null, anonymousId, null,
                email, phone, traits, now, source))).get(0);
        if (r.contactId() == null) {
            throw new IllegalStateException("a valid email always resolves to a contact");
        }
        long contactId = r.contactId();

        Activity.Utm utm = new Activity.Utm(clip(in.get("utm_source"), 200), clip(in.get("utm_medium"), 200),
                clip(in.get("utm_campaign"), 200), clip(in.get("utm_term"), 200), clip(in.get("utm_content"), 200));
        String referrer = clip(in.get("referrer"), MAX_URL);
        String pageUrl = clip(in.get("page_url"), MAX_URL);
        Touch touch = new Touch(utm.source(), utm.medium(), utm.campaign(), utm.term(), utm.content(), referrer,
                pageUrl);
        ChannelDecision decision = channelRules.classify(touch);
        Long campaignId = form.campaignId();
        if (campaignId == null && decision.channel() != null) {
            campaignId = campaignMatcher.campaignFor(touch, decision.channel()).orElse(null);
        }

        ObjectNode props = JSON.createObjectNode();
        props.put("formId", Ids.format(form.id()));
        props.put("formKey", form.key());
        props.put("formName", form.name());
        props.put("source", source);
        ObjectNode fields = props.putObject("fields");
        values.forEach(fields::put);
        ArrayNode boxes = props.putArray("consents");
        List<ConsentBox> granted = new ArrayList<>();
        for (ConsentBox c : form.consents()) {
            boolean yes = ticked(in.get(c.name()));
            boxes.addObject().put("name", c.name()).put("channel", c.channel()).put("purpose", c.purpose())
                    .put("version", c.version()).put("granted", yes);
            if (yes) {
                granted.add(c);
            }
        }
        if (pageUrl != null) {
            props.put("url", pageUrl);
        }
        if (referrer != null) {
            props.put("referrer", referrer);
        }
        if (anonymousId != null) {
            props.put("anonymousId", anonymousId);
        }
        if (decision.ruleName() != null) {
            props.put("channelRule", decision.ruleName());
        }
        List<NewActivity> activities = new ArrayList<>(1 + r.activities().size());
        activities.add(new NewActivity(now, FORM_SUBMITTED, contactId, null, campaignId,
                decision.channel() == null ? null : decision.channel().code(), utm, JSON.writeValueAsString(props)));
        activities.addAll(r.activities());
        long activityId = log.append(activities).get(0);

        for (ConsentBox c : granted) {
            consent.record(new ConsentRecord(0, contactId, c.channel(), c.purpose(), ConsentStatus.GRANTED, "consent",
                    source, c.text(), String.valueOf(c.version()), clip(s.ipAddress(), 100),
                    clip(s.userAgent(), 500), now));
        }
        jdbc.sql("INSERT INTO form_submission (id, form_id, contact_id, activity_id, submitted_at, field_values) "
                        + "VALUES (?, ?, ?, ?, ?, ?)")
                .params(Ids.next(), form.id(), contactId, activityId, now.toEpochMilli(),
                        JSON.writeValueAsString(values))
                .update();
        return new Accepted(form, contactId, activityId, granted.size());
    }

    private static String clip(String s, int max) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() ? null : t.length() > max ? t.substring(0, max) : t;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    @Override
    public List<SubmissionRow> recentSubmissions(long formId, int limit) {
        return jdbc.sql("SELECT id, contact_id, activity_id, submitted_at, field_values FROM form_submission "
                        + "WHERE form_id = ? ORDER BY submitted_at DESC, id DESC LIMIT ?")
                .params(formId, Math.max(1, Math.min(limit, 500)))
                .query((rs, n) -> new SubmissionRow(rs.getLong(1), rs.getLong(2), rs.getLong(3),
                        Instant.ofEpochMilli(rs.getLong(4)), values(rs.getString(5))))
                .list();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> values(String json) {
        return JSON.readValue(json, LinkedHashMap.class);
    }

    /** Submissions hold personal data: they go with their contact. */
    @EventListener
    void on(ContactDeleted event) {
        jdbc.sql("DELETE FROM form_submission WHERE contact_id = ?").param(event.contactId()).update();
    }

    /** Runs inside the merging transaction: the merged contact's submissions are the survivor's. */
    @EventListener
    void on(ContactsMerged event) {
        jdbc.sql("UPDATE form_submission SET contact_id = ? WHERE contact_id = ?")
                .params(event.survivorId(), event.mergedId()).update();
    }
}
